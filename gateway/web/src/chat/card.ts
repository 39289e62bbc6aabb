import type { Card, CardAction } from './model';

// A bot card as the screen shows it. The chat service's card shape is still settling, so the common spellings are read.

export function cardFields(card: Card): Array<{ label: string; value: string | number }> {
  if (Array.isArray(card.fields)) return card.fields.filter((f) => f && f.label !== undefined);
  if (card.fields && typeof card.fields === 'object') return Object.entries(card.fields).map(([label, value]) => ({ label, value }));
  return [];
}

export function cardActions(card: Card): CardAction[] {
  return (card.actions ?? card.buttons ?? [])
    .filter((a) => a && a.id)
    .map((a) => {
      const loose = a as CardAction & { text?: string; title?: string };
      return { ...a, label: a.label ?? loose.text ?? loose.title ?? a.id };
    });
}

/** A card someone already acted on: its buttons are no longer offered. */
export function cardResolved(card: Card): boolean {
  return !!(card.resolved || card.resolvedBy || (card.status && ['done', 'resolved', 'closed', 'handled'].includes(card.status.toLowerCase())));
}
