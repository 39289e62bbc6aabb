import { describe, expect, it } from 'vitest';
import { chartOfBranches, chartOfDays, formatChange, isoWeekOf, reportFileName, reportPath } from './model';

describe('报表 model', () => {
  it('draws a day as month/day and its revenue, zero where the report says nothing sold', () => {
    expect(chartOfDays([{ date: '2025-11-24', revenue: 90, units: 9, tickets: 2 }, { date: '2025-12-01', revenue: 0, units: 0, tickets: 0 }]))
      .toEqual({ labels: ['11/24', '12/1'], values: [90, 0] });
  });

  it('draws the chain as one bar per branch name', () => {
    expect(chartOfBranches([{ branch: 'main', name: '总店', revenue: 76, units: 16, tickets: 3, averageTicket: 25.33, share: 0.8837 }]))
      .toEqual({ labels: ['总店'], values: [76] });
  });

  it('writes a category change as a signed whole percentage and nothing without a baseline', () => {
    expect(formatChange(-0.6)).toBe('−60%');
    expect(formatChange(1.6)).toBe('+160%');
    expect(formatChange(0)).toBe('0%');
    expect(formatChange(null)).toBe('');
  });

  it('asks for a day with date= and a week with week=, and for the current one with no query', () => {
    expect(reportPath('main', 'daily', '2025-11-25')).toBe('/api/reporting/branches/main/daily?date=2025-11-25');
    expect(reportPath('main', 'weekly', '2025-W48', '.xlsx')).toBe('/api/reporting/branches/main/weekly.xlsx?week=2025-W48');
    expect(reportPath('东区', 'daily', '', '.csv')).toBe('/api/reporting/branches/%E4%B8%9C%E5%8C%BA/daily.csv');
    expect(reportFileName('main', '2025-W48', '.csv')).toBe('main-2025-W48.csv');
  });

  it('finds the ISO week of a date, across a year end', () => {
    expect(isoWeekOf('2025-11-25')).toBe('2025-W48');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
  });
});
