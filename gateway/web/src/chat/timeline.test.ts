import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './model';
import {
  addPending, catchUpAfter, dropPending, emptyTimeline, fillGaps, findGaps, initialPage, lastSeq, mergeMessages, olderPage, opensGap,
  type Timeline,
} from './timeline';

const msg = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  channelId: 'c1', seq, id: `m${seq}`, authorId: 'u1', authorName: '小李', text: `消息 ${seq}`,
  mentions: [], important: false, postedAt: `2025-02-20T08:00:${String(seq % 60).padStart(2, '0')}+08:00`, ...extra,
});
const seqs = (t: Timeline) => t.messages.map((m) => m.seq);
const withSeqs = (...s: number[]) => mergeMessages(emptyTimeline(), s.map((n) => msg(n)));

describe('merging messages', () => {
  it('keeps messages ordered by seq whatever order they arrive in', () => {
    expect(seqs(mergeMessages(emptyTimeline(), [msg(3), msg(1), msg(2)]))).toEqual([1, 2, 3]);
  });

  it('ignores a message delivered twice (live event and page overlap)', () => {
    const t = mergeMessages(withSeqs(1, 2, 3), [msg(3), msg(2), msg(4)]);
    expect(seqs(t)).toEqual([1, 2, 3, 4]);
  });

  it('applies an update to a message already shown', () => {
    const t = mergeMessages(withSeqs(1, 2), [msg(2, { text: '已处理', version: 2 })]);
    expect(t.messages[1].text).toBe('已处理');
  });

  it('does not let a stale page overwrite a newer update', () => {
    const updated = mergeMessages(withSeqs(1, 2), [msg(2, { text: '已处理', version: 3 })]);
    const t = mergeMessages(updated, [msg(2, { text: '旧的', version: 1 })]);
    expect(t.messages[1].text).toBe('已处理');
  });

  it('drops messages without a usable seq', () => {
    const t = mergeMessages(emptyTimeline(), [msg(Number.NaN), msg(0), msg(1)]);
    expect(seqs(t)).toEqual([1]);
  });

  it('settles a pending send when the server echoes its clientMessageId', () => {
    let t = addPending(withSeqs(1), { clientMessageId: 'abc', text: 'hi', postedAt: '', state: 'sending' });
    t = addPending(t, { clientMessageId: 'def', text: 'yo', postedAt: '', state: 'sending' });
    t = mergeMessages(t, [msg(2, { clientMessageId: 'abc' })]);
    expect(t.pending.map((p) => p.clientMessageId)).toEqual(['def']);
  });

  it('knows the start of the channel is loaded once seq 1 is there', () => {
    expect(withSeqs(2, 3).reachedStart).toBe(false);
    expect(withSeqs(1, 2).reachedStart).toBe(true);
  });

  it('returns the same timeline when nothing valid came in', () => {
    const t = withSeqs(1);
    expect(mergeMessages(t, [])).toBe(t);
  });
});

describe('detecting gaps', () => {
  it('finds holes inside the loaded range', () => {
    expect(findGaps(withSeqs(1, 2, 5, 6, 9))).toEqual([{ after: 2, before: 5 }, { after: 6, before: 9 }]);
  });

  it('a live message right after the last one opens no gap', () => {
    expect(opensGap(withSeqs(1, 2, 3), msg(4))).toBe(false);
  });

  it('a live message further ahead opens a gap', () => {
    expect(opensGap(withSeqs(1, 2, 3), msg(6))).toBe(true);
  });

  it('an empty timeline has nothing to be behind of', () => {
    expect(opensGap(emptyTimeline(), msg(40))).toBe(false);
  });

  it('resumes at the first hole, else after the newest message', () => {
    expect(catchUpAfter(withSeqs(1, 2, 5))).toBe(2);
    expect(catchUpAfter(withSeqs(1, 2, 3))).toBe(3);
    expect(catchUpAfter(emptyTimeline())).toBe(0);
  });
});

describe('gap-fill after a reconnect', () => {
  const server = (total: number) => {
    const calls: Array<[number, number]> = [];
    const fetchPage = async (after: number, limit: number) => {
      calls.push([after, limit]);
      const out: ChatMessage[] = [];
      for (let s = after + 1; s <= Math.min(total, after + limit); s++) out.push(msg(s));
      return out;
    };
    return { calls, fetchPage };
  };

  it('reads forward page by page until it has everything', async () => {
    const { calls, fetchPage } = server(12);
    const t = await fillGaps(withSeqs(1, 2, 3), fetchPage, 4);
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(calls).toEqual([[3, 4], [7, 4], [11, 4]]);
  });

  it('fills a hole opened by a live message that arrived early', async () => {
    const { calls, fetchPage } = server(8);
    const t = await fillGaps(mergeMessages(withSeqs(1, 2), [msg(8)]), fetchPage, 50);
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(calls).toEqual([[2, 50]]);
    expect(lastSeq(t)).toBe(8);
  });

  it('stops when the server cannot fill a hole instead of asking forever', async () => {
    let calls = 0;
    const t = await fillGaps(withSeqs(1, 5), async () => { calls++; return [msg(5)]; }, 1);
    expect(seqs(t)).toEqual([1, 5]);
    expect(calls).toBe(1);
  });

  it('gives up after the page budget', async () => {
    const { calls, fetchPage } = server(1000);
    await fillGaps(withSeqs(1), fetchPage, 10, 3);
    expect(calls.length).toBe(3);
  });
});

describe('paging', () => {
  it('opens a long channel at its newest page', () => {
    expect(initialPage(120, 50)).toEqual({ after: 70, limit: 50 });
    expect(initialPage(30, 50)).toEqual({ after: 0, limit: 50 });
    expect(initialPage(undefined, 50)).toEqual({ after: 0, limit: 50 });
  });

  it('asks for the page just before the oldest loaded message', () => {
    expect(olderPage(withSeqs(71, 72), 50)).toEqual({ after: 20, limit: 50 });
    expect(olderPage(withSeqs(21, 22), 50)).toEqual({ after: 0, limit: 20 });
  });

  it('has nothing older once the start is reached', () => {
    expect(olderPage(withSeqs(1, 2), 50)).toBeUndefined();
    expect(olderPage(emptyTimeline(), 50)).toBeUndefined();
  });
});

describe('a send posted in another channel', () => {
  it('is no longer pending in the channel it was written in (a price moved to the 报价 channel)', () => {
    const t = addPending(addPending(emptyTimeline(), { clientMessageId: 'a', text: '单价 1.2', postedAt: '2025-02-20T08:00:00+08:00', state: 'sending' }),
      { clientMessageId: 'b', text: '明天送货', postedAt: '2025-02-20T08:00:01+08:00', state: 'sending' });
    expect(dropPending(t, 'a').pending.map((p) => p.clientMessageId)).toEqual(['b']);
    expect(dropPending(t, 'zzz')).toBe(t);
  });
});
