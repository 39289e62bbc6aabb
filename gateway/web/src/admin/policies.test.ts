import { describe, expect, it } from 'vitest';
import { figure, policyBody, previewPath, readable, toForm, type CategoryForm, type PolicyForm } from './policies';

const empty: PolicyForm = { reorderPoint: '', maxLevel: '', leadTimeDays: '', slowMoverDays: '' };
const noCategory: CategoryForm = { leadTimeDays: '', coverDays: '', lookBackDays: '', safetyFactor: '' };

describe('the live preview of a reorder policy', () => {
  it('asks the server with only the figures typed: nothing typed is nothing sent', () => {
    expect(previewPath('main', 'HL Y', empty, noCategory)).toBe('/api/inventory/branches/main/products/HL%20Y/policy/preview');
  });

  it('sends the product’s figures, and the category’s cover, look-back and safety factor', () => {
    const path = previewPath('main', 'HL-Y', { ...empty, reorderPoint: '10', maxLevel: '60' },
      { leadTimeDays: '12', coverDays: '7', lookBackDays: '28', safetyFactor: '1.3' });
    expect(Object.fromEntries(new URL(path, 'http://x').searchParams))
      .toEqual({ reorderPoint: '10', maxLevel: '60', leadTimeDays: '12', coverDays: '7', lookBackDays: '28', safetyFactor: '1.3' });
  });

  it('lets the product’s own lead time win over the category’s, as the server resolves it', () => {
    const path = previewPath('main', 'HL-Y', { ...empty, leadTimeDays: '4' }, { ...noCategory, leadTimeDays: '12' });
    expect(new URL(path, 'http://x').searchParams.get('leadTimeDays')).toBe('4');
  });

  it('reads full-width digits and waits while a figure is not a number yet', () => {
    expect(figure('１２')).toBe(12);
    expect(figure(' ')).toBeNull();
    expect(readable('12', '', '1.5')).toBe(true);
    expect(readable('12', 'abc')).toBe(false);
  });
});

describe('saving a policy', () => {
  it('sends every field, an empty one as null (PUT replaces the whole policy)', () => {
    expect(policyBody({ ...empty, reorderPoint: '10', leadTimeDays: '7' })).toEqual({ reorderPoint: 10, maxLevel: null, leadTimeDays: 7, slowMoverDays: null });
  });

  it('fills the form from the saved policy, nulls as empty fields', () => {
    expect(toForm<PolicyForm>(['reorderPoint', 'maxLevel', 'leadTimeDays', 'slowMoverDays'], { reorderPoint: 16, maxLevel: null, leadTimeDays: 4 }))
      .toEqual({ reorderPoint: '16', maxLevel: '', leadTimeDays: '4', slowMoverDays: '' });
  });
});
