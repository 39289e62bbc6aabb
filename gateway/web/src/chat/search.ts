import type { ChatSchema } from '../api/services';
import type { ChatMessage } from './model';

export interface SearchHit {
  channelName: string;
  message: ChatMessage;
}

/** `GET /api/chat/search`'s page as the screen keeps it (a message without files has none). */
export function searchPage(page: ChatSchema<'SearchPage'>): { items: SearchHit[]; nextCursor?: string } {
  return {
    items: page.items.map((h) => ({ channelName: h.channelName, message: { ...h.message, attachments: h.message.attachments ?? [] } })),
    nextCursor: page.nextCursor || undefined,
  };
}

/** Splits text around case-insensitive occurrences of `q` so the screen can mark them. */
export function highlight(text: string, q: string): Array<{ text: string; match: boolean }> {
  const needle = q.trim().toLowerCase();
  if (!needle) return text ? [{ text, match: false }] : [];
  const parts: Array<{ text: string; match: boolean }> = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, from)) {
    if (i > from) parts.push({ text: text.slice(from, i), match: false });
    parts.push({ text: text.slice(i, i + needle.length), match: true });
    from = i + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Long messages are cut around the first match so it stays visible in a one-line result. */
export function snippet(text: string, q: string, width = 80): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  if (chars.length <= width) return chars.join('');
  const at = Math.max(0, chars.join('').toLowerCase().indexOf(q.trim().toLowerCase()));
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), chars.length - width));
  return `${start > 0 ? '…' : ''}${chars.slice(start, start + width).join('')}${start + width < chars.length ? '…' : ''}`;
}
