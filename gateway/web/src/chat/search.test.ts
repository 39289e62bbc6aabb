import { describe, expect, it } from 'vitest';
import { highlight, normalizeSearchPage, snippet } from './search';

describe('search', () => {
  it('reads the server page of hits with the next cursor', () => {
    const page = normalizeSearchPage({
      items: [{ channelName: '一店', message: { channelId: 'c1', seq: '7', id: 'm7', authorId: 'u', authorName: '甲', text: '荧光笔', postedAt: 'x', card: '{"title":"t"}' } }],
      nextCursor: '20',
    });
    expect(page.nextCursor).toBe('20');
    expect(page.items[0].channelName).toBe('一店');
    expect(page.items[0].message.seq).toBe(7);
    expect(page.items[0].message.card).toEqual({ title: 't' });
    expect(normalizeSearchPage({ items: [], nextCursor: null })).toEqual({ items: [], nextCursor: undefined });
    expect(normalizeSearchPage(undefined).items).toEqual([]);
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
