import type { ChatMessage } from './model';
import { peopleFromMessages } from './compose';

// A channel's members as the member sheet and the @ picker use them. Pure; tested in members.test.ts.

export interface ChannelMember {
  userId: string;
  name: string;
}

/** A channel as its members manage it: `GET /api/chat/channels/{id}/members`, and the answer of opening or changing one. */
export interface ChannelInfo {
  id: string;
  kind: string;
  name: string;
  purpose?: string | null;
  members: ChannelMember[];
}

/** Someone of the chain one may start a conversation with (from `GET /api/identity/staff`). */
export interface StaffEntry {
  id: string;
  displayName: string;
  roles: string[];
  branches: string[];
  disabled: boolean;
}

/** Characters the server's mention matcher stops at: a name containing one cannot be @mentioned whole. */
const NOT_MENTIONABLE = /[\s@，,。:：;；!！?？()（）[\]【】]/;

/**
 * Whom `@` suggests in a channel: the people who posted most recently first, then every other member (so someone who has
 * never posted is offered too), by name; never oneself or the bot, each name once.
 */
export function mentionPeople(members: readonly ChannelMember[], messages: readonly ChatMessage[], selfId: string): string[] {
  const recent = peopleFromMessages(messages, selfId);
  const memberNames = members
    .filter((m) => m.userId !== selfId && m.name && !NOT_MENTIONABLE.test(m.name))
    .map((m) => m.name)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  // Once the member list is known, a past author who has left is no longer offered.
  const current = new Set(memberNames);
  const posted = members.length > 0 ? recent.filter((n) => current.has(n)) : recent;
  return [...new Set([...posted, ...memberNames])];
}

/** Staff one may add to a group or start a direct conversation with: active, not oneself, not already in it; by name. */
export function addableStaff(staff: readonly StaffEntry[], selfId: string, members: readonly ChannelMember[] = []): StaffEntry[] {
  const inside = new Set(members.map((m) => m.userId));
  return staff
    .filter((s) => !s.disabled && s.id !== selfId && !inside.has(s.id) && !s.roles.includes('supplier'))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

/** Members in the order the sheet lists them: oneself first, then by name. */
export function sortMembers(members: readonly ChannelMember[], selfId: string): ChannelMember[] {
  return [...members].sort((a, b) => (a.userId === selfId ? -1 : b.userId === selfId ? 1 : a.name.localeCompare(b.name, 'zh-CN')));
}
