import type { InventorySchema } from '../api/services';
import { query } from '../api/client';

/** A product's policy at a branch as typed (PUT …/policy replaces the whole policy: an empty field is cleared). */
export type PolicyForm = { reorderPoint: string; maxLevel: string; leadTimeDays: string; slowMoverDays: string };

/** A category's defaults as typed (empty: the built-in default). */
export type CategoryForm = { leadTimeDays: string; coverDays: string; lookBackDays: string; safetyFactor: string };

/** What `GET …/policy/preview` answers: the server's own computation on the typed figures. */
export type PolicyPreview = InventorySchema<'ReorderPolicyPreview'>;

/** A typed figure as the API takes it: empty → null; anything else as the number it reads as (the server names a bad one). */
export function figure(typed: string): number | null {
  const s = typed.trim();
  if (s === '') return null;
  const n = Number(s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return Number.isFinite(n) ? n : NaN;
}

/** True when every typed figure reads as a number (a half-typed "1." or "abc" is not sent for a preview). */
export function readable(...typed: string[]): boolean {
  return typed.every((s) => !Number.isNaN(figure(s)));
}

/** The body of PUT …/branches/{branch}/products/{sku}/policy. */
export function policyBody(f: PolicyForm) {
  return { reorderPoint: figure(f.reorderPoint), maxLevel: figure(f.maxLevel), leadTimeDays: figure(f.leadTimeDays), slowMoverDays: figure(f.slowMoverDays) };
}

/** The body of PUT …/categories/{category}/policy. */
export function categoryBody(f: CategoryForm) {
  return { leadTimeDays: figure(f.leadTimeDays), coverDays: figure(f.coverDays), lookBackDays: figure(f.lookBackDays), safetyFactor: figure(f.safetyFactor) };
}

/**
 * The preview's query for both forms together: the product's figures as they would be saved, and the category's cover,
 * look-back and safety factor. The product's own lead time wins; the category's is used when the product has none (as the
 * server resolves it).
 */
export function previewPath(branch: string, sku: string, p: PolicyForm, c: CategoryForm): string {
  const product = policyBody(p);
  const category = categoryBody(c);
  return `/api/inventory/branches/${encodeURIComponent(branch)}/products/${encodeURIComponent(sku)}/policy/preview${query({
    reorderPoint: product.reorderPoint, maxLevel: product.maxLevel, leadTimeDays: product.leadTimeDays ?? category.leadTimeDays,
    coverDays: category.coverDays, lookBackDays: category.lookBackDays, safetyFactor: category.safetyFactor,
  })}`;
}

/** The form's fields from a saved policy (null → empty). */
export function toForm<T extends Record<string, string>>(keys: Array<keyof T>, saved: Record<string, unknown> | null | undefined): T {
  return Object.fromEntries(keys.map((k) => [k, saved?.[k as string] == null ? '' : String(saved[k as string])])) as T;
}
