import { t } from '../i18n';
import { paths } from '../router';
import type { Card, CardAction, CardLink } from './model';

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

/** Where a cited message opens: its channel, scrolled to its seq (`#seq-N`, as search results link). */
export function cardLinkHref(link: CardLink): string {
  return `${paths.chat(link.channelId)}#seq-${link.seq}`;
}

/** The cited messages a card links to, labelled in the reader's language (the bot's label for kinds this app does not know). */
export function cardLinks(card: Card, tr: typeof t = t): Array<CardLink & { text: string; href: string }> {
  return (Array.isArray(card.links) ? card.links : [])
    .filter((l) => l && l.channelId && Number.isFinite(l.seq))
    .map((l) => ({
      ...l,
      href: cardLinkHref(l),
      text: l.kind === 'order' ? tr('chat.card.link.order')
        : l.kind === 'confirmation' ? (l.by ? tr('chat.card.link.confirmationBy', { by: l.by }) : tr('chat.card.link.confirmation'))
          : l.label,
    }));
}
