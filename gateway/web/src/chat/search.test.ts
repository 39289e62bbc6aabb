import { describe, expect, it } from 'vitest';
import { highlight, searchPage, snippet } from './search';

describe('search', () => {
  it('keeps the server page of hits with the next cursor', () => {
    const message = { channelId: 'c1', seq: 7, id: 'm7', authorId: 'u', authorName: '甲', text: '荧光笔', mentions: [], important: false,
      replyTo: null, postedAt: '2026-12-03T08:00:00Z', deleted: false, edits: 0, attachments: null };
    const page = searchPage({ items: [{ channelName: '一店', message }], nextCursor: '20' });
    expect(page.nextCursor).toBe('20');
    expect(page.items[0]).toMatchObject({ channelName: '一店', message: { seq: 7, attachments: [] } });
    expect(searchPage({ items: [], nextCursor: null })).toEqual({ items: [], nextCursor: undefined });
  });
  it('marks every match, ignoring case', () => {
    expect(highlight('黄色荧光笔和黄色便签', '黄色')).toEqual([
      { text: '黄色', match: true }, { text: '荧光笔和', match: false }, { text: '黄色', match: true }, { text: '便签', match: false },
    ]);
    expect(highlight('Pen pen', 'PEN').filter((p) => p.match)).toHaveLength(2);
    expect(highlight('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
  it('cuts long text around the first match', () => {
    const long = `${'一'.repeat(100)}荧光笔${'二'.repeat(100)}`;
    const s = snippet(long, '荧光笔', 30);
    expect(s).toContain('荧光笔');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(snippet('short', 'x')).toBe('short');
  });
});
