import { describe, expect, it } from 'vitest';
import type { User } from '../session/session';
import { countIncoming, firstUnreadSeq, markChannelRead, normalizeChannel, sortChannels, visibleChannels } from './channels';
import type { Channel, ChatMessage } from './model';

const owner: User = { id: 'u-owner', name: '张店长', username: 'owner', roles: ['owner'], branches: ['main'] };
const supplier: User = { id: 'u-sup', name: '晨光', username: 'supplier', roles: ['supplier'], branches: [], supplierId: 's1' };
const channels: Channel[] = [
  { id: 'a', name: '总店群', kind: 'group', unread: 0, mentions: 0, lastSeq: 10 },
  { id: 'b', name: '库存监控', kind: 'group', unread: 2, mentions: 0, lastSeq: 5 },
  { id: 's1', name: '晨光供应商', kind: 'supplier', supplierId: 's1', unread: 0, lastSeq: 1 },
  { id: 's2', name: '得力供应商', kind: 'supplier', supplierId: 's2', unread: 0, lastSeq: 1 },
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
    expect(sorted.map((c) => c.id)).toEqual(['s1', 'b', 'a', 's2']);
  });

  it('shows a supplier contact only their own supplier channel', () => {
    expect(visibleChannels(channels, supplier, true).map((c) => c.id)).toEqual(['s1']);
    expect(visibleChannels(channels, owner, false)).toHaveLength(4);
  });

  it('shows a supplier contact their own price channel (报价) too, and no other supplier\'s', () => {
    const withPrices: Channel[] = [...channels, { id: 'p1', name: '报价·晨光', kind: 'prices', supplierId: 's1' }, { id: 'p2', name: '报价·得力', kind: 'prices', supplierId: 's2' }];
    expect(visibleChannels(withPrices, supplier, true).map((c) => c.id)).toEqual(['s1', 'p1']);
  });

  it('reads channel items whatever the counters are called', () => {
    expect(normalizeChannel({ id: 7, title: '群', unreadCount: 4, latestSeq: 9 })).toMatchObject({
      id: '7', name: '群', unread: 4, lastSeq: 9, mentions: 0,
    });
  });

  it('puts the "new messages" line just after what was read', () => {
    expect(firstUnreadSeq({ lastSeq: 40, unread: 3 })).toBe(38);
    expect(firstUnreadSeq({ lastSeq: 40, unread: 0 })).toBeUndefined();
    expect(firstUnreadSeq({ lastSeq: 5, unread: 9 })).toBe(1);
    expect(firstUnreadSeq(undefined)).toBeUndefined();
  });
});
