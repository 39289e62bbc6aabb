import { del, post } from '../api/client';
import { chat, identity, ok } from '../api/services';
import type { ChannelInfo, StaffEntry } from './members';

// The calls behind starting a conversation and managing a group's members (Chat's Channels/AdHoc routes).

const channelPath = (id: string) => `/api/chat/channels/${encodeURIComponent(id)}`;

export const loadMembers = (channelId: string, signal?: AbortSignal): Promise<ChannelInfo> =>
  ok(chat.GET('/api/chat/channels/{channelId}/members', { params: { path: { channelId } }, signal }));

export const loadStaff = (signal?: AbortSignal): Promise<StaffEntry[]> => ok(identity.GET('/api/identity/staff', { signal }));

/** Opens the direct conversation with `userId`, or answers the one that exists already. */
export const openDirect = (userId: string) => post<ChannelInfo>('/api/chat/channels', { kind: 'direct', members: [userId] });

export const openGroup = (name: string, members: string[], idempotencyKey: string) =>
  post<ChannelInfo>('/api/chat/channels', { kind: 'group', name: name.trim(), members }, { idempotencyKey });

export const addMembers = (channelId: string, members: string[], idempotencyKey: string) =>
  post<ChannelInfo>(`${channelPath(channelId)}/members`, { members }, { idempotencyKey });

export const removeMember = (channelId: string, userId: string) => del<void>(`${channelPath(channelId)}/members/${encodeURIComponent(userId)}`);
