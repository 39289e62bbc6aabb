import type { PurchasingSchema } from '../api/services';
import { compareQuotes, type Quote, type QuoteView } from '../purchasing/quotes';
import type { Permissions } from '../session/permissions';

/** A supplier as `GET /api/purchasing/suppliers` answers (no prices: those are cost data, under `/quotes`). */
export type Supplier = PurchasingSchema<'SupplierView'>;

/** The side-by-side comparison (比价) of every product quoted, one group per product, each cheapest first and marked. */
export function comparisonByProduct(raw: readonly QuoteView[], perms: Pick<Permissions, 'seeCost'>): Array<{ sku: string; quotes: Quote[] }> {
  const skus = [...new Set(raw.map((q) => q.sku))].sort();
  return skus.map((sku) => ({ sku, quotes: compareQuotes(raw, sku, perms) })).filter((g) => g.quotes.length > 0);
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied from a phone (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A temporary password for a new supplier contact: 12 characters from {@link ALPHABET}, from the platform's random source.
 * Shown once to the owner, who passes it on; the contact changes it after logging in.
 */
export function temporaryPassword(random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => { crypto.getRandomValues(b); }): string {
  const bytes = new Uint8Array(12);
  random(bytes);
  // 256 is not a multiple of the alphabet's size; the slight bias over 12 characters costs far less than a bit of entropy.
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** "2.5 天（3 次到货）" style figures: the measured lead time rounded to one decimal, or undefined before any delivery. */
export function measuredDays(s: Pick<Supplier, 'measuredLeadTimeDays'>): number | undefined {
  return s.measuredLeadTimeDays == null ? undefined : Math.round(s.measuredLeadTimeDays * 10) / 10;
}
