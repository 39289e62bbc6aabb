import type { ChatMessage } from './model';
import { normalizeMessage } from './chatService';

export interface SearchHit {
  channelName: string;
  message: ChatMessage;
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor?: string;
}

/** `GET /api/chat/search` answers `{ items: [{ channelName, message }], nextCursor }`; bare messages are read too. */
export function normalizeSearchPage(raw: unknown): SearchPage {
  const r = (raw ?? {}) as Record<string, unknown>;
  const list = Array.isArray(raw) ? raw : Array.isArray(r.items) ? r.items : Array.isArray(r.hits) ? r.hits : [];
  const items = (list as Array<Record<string, unknown>>)
    .map((h) => {
      const m = (h && typeof h === 'object' && 'message' in h ? h.message : h) as ChatMessage | undefined;
      if (!m || typeof m !== 'object' || m.channelId === undefined) return undefined;
      return { channelName: String(h.channelName ?? m.channelId), message: normalizeMessage(m) };
    })
    .filter((h): h is SearchHit => !!h);
  const cursor = r.nextCursor ?? r.cursor;
  return { items, nextCursor: typeof cursor === 'string' && cursor ? cursor : undefined };
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
