import { describe, expect, it } from 'vitest';
import type { User } from '../session/session';
import { countIncoming, firstUnreadSeq, markChannelRead, sortChannels, visibleChannels } from './channels';
import type { Channel, ChatMessage } from './model';

const owner: User = { id: 'u-owner', name: '张店长', username: 'owner', roles: ['owner'], branches: ['main'] };
// A channel as GET /api/chat/channels answers it.
const channel = (id: string, name: string, kind: Channel['kind'], unread: number, lastSeq: number, mentions = 0): Channel => ({
  id, name, kind, branch: null, branchName: null, topic: null, purpose: null, lastSeq, lastReadSeq: lastSeq - unread, unread, mentions, lastPostedAt: null,
});
const channels: Channel[] = [
  channel('a', '总店群', 'group', 0, 10),
  channel('b', '库存监控', 'group', 2, 5),
  channel('supplier-s1', '晨光供应商', 'supplier', 0, 1),
  channel('prices-s1', '报价·晨光', 'prices', 0, 1),
];
const message = (channelId: string, seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  channelId, seq, id: `${channelId}-${seq}`, authorId: 'bot', authorName: '库存助手', text: '', postedAt: '', ...extra,
});

describe('the channel list', () => {
  it('counts a message in another channel as unread', () => {
    const next = countIncoming(channels, message('b', 6), 'a', owner);
    expect(next[1]).toMatchObject({ unread: 3, lastSeq: 6, mentions: 0 });
  });

  it('counts a mention of my role as a mention', () => {
    const next = countIncoming(channels, message('b', 6, { mentions: ['owner'] }), 'a', owner);
    expect(next[1].mentions).toBe(1);
  });

  it('does not count the channel on screen, my own messages, or a repeat', () => {
    expect(countIncoming(channels, message('b', 6), 'b', owner)[1].unread).toBe(2);
    expect(countIncoming(channels, message('b', 6, { authorId: 'u-owner' }), 'a', owner)[1].unread).toBe(2);
    expect(countIncoming(channels, message('b', 5), 'a', owner)[1].unread).toBe(2);
  });

  it('clears the badges of a channel that was read', () => {
    expect(markChannelRead(channels, 'b')[1]).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('puts mentions first, then unread, keeping the server order otherwise', () => {
    const sorted = sortChannels([...channels.slice(0, 2), { ...channels[2], mentions: 1, unread: 1 }, channels[3]]);
    expect(sorted.map((c) => c.id)).toEqual(['supplier-s1', 'b', 'a', 'prices-s1']);
  });

  it('shows a supplier contact only order and price channels (the server lists only their own)', () => {
    expect(visibleChannels(channels, true).map((c) => c.id)).toEqual(['supplier-s1', 'prices-s1']);
    expect(visibleChannels(channels, false)).toHaveLength(4);
  });

  it('puts the "new messages" line just after what was read', () => {
    expect(firstUnreadSeq({ lastSeq: 40, unread: 3 })).toBe(38);
    expect(firstUnreadSeq({ lastSeq: 40, unread: 0 })).toBeUndefined();
    expect(firstUnreadSeq({ lastSeq: 5, unread: 9 })).toBe(1);
    expect(firstUnreadSeq(undefined)).toBeUndefined();
  });
});
