import { describe, expect, it } from 'vitest';
import { historyRows } from './history';

const v = (version: number, text: string, current = false) =>
  ({ version, text, at: `2026-11-25T0${version}:00:00Z`, editorId: 'clerk', editorName: '小李', current });

describe('edit history', () => {
  it('lists the current text first, then each earlier edit, then the original', () => {
    expect(historyRows({ withdrawn: false, versions: [v(1, '本子 10 本'), v(3, '本子 15 本', true), v(2, '本子 12 本')] })).toEqual([
      { label: '当前', at: '2026-11-25T03:00:00Z', by: '小李', text: '本子 15 本' },
      { label: '第 1 次编辑', at: '2026-11-25T02:00:00Z', by: '小李', text: '本子 12 本' },
      { label: '原文', at: '2026-11-25T01:00:00Z', by: '小李', text: '本子 10 本' },
    ]);
  });

  it('shows nothing of a withdrawn message, and the editor id when a name is missing', () => {
    expect(historyRows({ withdrawn: true, versions: [v(1, '秘密')] })).toEqual([]);
    expect(historyRows({ withdrawn: false, versions: [{ ...v(1, 'x', true), editorName: '' }] })[0].by).toBe('clerk');
  });
});
