import { describe, expect, it } from 'vitest';
import { readersSummary } from './receipts';

const p = (name: string) => ({ userId: name, name });

describe('read receipts', () => {
  it('says everyone read it, nobody did, or how many have not yet', () => {
    expect(readersSummary({ readBy: [p('小李'), p('小王')], notYet: [] }).label).toBe('全部已读');
    expect(readersSummary({ readBy: [], notYet: [p('小李')] }).label).toBe('未读');
    expect(readersSummary({ readBy: [p('小李')], notYet: [p('小王'), p('张店长')] })).toEqual({
      label: '2 人未读', read: ['小李'], notYet: ['小王', '张店长'],
    });
  });

  it('falls back to the user id when a name is missing', () => {
    expect(readersSummary({ readBy: [{ userId: 'u-1', name: '' }], notYet: [] }).read).toEqual(['u-1']);
  });
});
