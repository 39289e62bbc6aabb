import { describe, expect, it } from 'vitest';
import { closingTimeText } from './BranchesAdmin';

describe('门店设置', () => {
  it('shows the server\'s closing time as HH:mm and nothing when the branch has none', () => {
    expect(closingTimeText('20:45:00')).toBe('20:45');
    expect(closingTimeText(null)).toBe('');
    expect(closingTimeText(undefined)).toBe('');
  });
});
