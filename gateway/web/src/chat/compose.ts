import type { Attachment, ChatMessage, MessageUpdate } from './model';
import type { Timeline } from './timeline';

// Pure helpers for the composer and the message list: mentions, replies, attachments, edits. Tested in compose.test.ts.

/** The role words the server understands in `@…` (Messages/Mentions.cs), with what the picker shows beside them. */
export const ROLE_MENTIONS = [
  { name: '店主', role: 'owner' },
  { name: '店长', role: 'manager' },
  { name: '店员', role: 'clerk' },
  { name: '总部', role: 'hq' },
  { name: '所有人', role: 'everyone' },
] as const;

export interface MentionCandidate {
  name: string;
  kind: 'person' | 'role';
  /** For roles: owner, manager, clerk, hq, everyone (the screen names it in the user's language). */
  role?: string;
}

/** Characters that end a mention (the server matches `@` + display name; names have no spaces or punctuation). */
const MENTION_STOP = /[\s@，,。:：;；!！?？()（）[\]【】]/;

/** The `@…` being typed just before the caret, or undefined: `start` is the index of the `@`. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return undefined;
  const query = before.slice(at + 1);
  if (MENTION_STOP.test(query) || query.length > 20) return undefined;
  // `a@b` is an e-mail address, not a mention; `[..]@` and line starts are fine.
  const prev = at > 0 ? before[at - 1] : '';
  if (prev && /[A-Za-z0-9._-]/.test(prev)) return undefined;
  return { start: at, query };
}

/** People (distinct, not oneself) from authors of the loaded messages, most recent first; the bot is left out. */
export function peopleFromMessages(messages: readonly ChatMessage[], selfId: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    const name = m.authorName?.trim();
    if (!name || m.authorId === selfId || /bot$/i.test(m.authorId) || m.authorId === 'bot' || MENTION_STOP.test(name) || seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/**
 * Candidates for a query: prefix matches before substring matches, people before roles within each, at most `max`.
 * Case-insensitive for Latin names. An empty query offers everyone.
 */
export function matchMentions(query: string, people: readonly string[], max = 8): MentionCandidate[] {
  const q = query.trim().toLowerCase();
  const all: MentionCandidate[] = [
    ...people.map((name) => ({ name, kind: 'person' as const })),
    ...ROLE_MENTIONS.map((r) => ({ name: r.name, kind: 'role' as const, role: r.role })),
  ];
  if (!q) return all.slice(0, max);
  const score = (c: MentionCandidate) => {
    const n = c.name.toLowerCase();
    const r = c.role ?? '';
    if (n.startsWith(q) || r.startsWith(q)) return 0;
    if (n.includes(q)) return 1;
    return -1;
  };
  return all
    .map((c, i) => ({ c, i, s: score(c) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .slice(0, max)
    .map((x) => x.c);
}

/** Replaces the `@query` before the caret with `@name ` and says where the caret goes. */
export function applyMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^\s+/, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** A one-line quote of a message for a reply: first line, shortened; attachments and withdrawals named. */
export function quoteText(m: Pick<ChatMessage, 'text' | 'deleted' | 'attachments' | 'card'> | undefined, max = 60): { kind: 'text' | 'deleted' | 'attachment' | 'card' | 'missing'; text: string } {
  if (!m) return { kind: 'missing', text: '' };
  if (m.deleted) return { kind: 'deleted', text: '' };
  const line = (m.text ?? '').trim().split(/\r?\n/)[0] ?? '';
  if (line) {
    const chars = [...line];
    return { kind: 'text', text: chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line };
  }
  if (m.attachments?.length) return { kind: 'attachment', text: m.attachments.map((a) => a.fileName).filter(Boolean).join('、') };
  if (m.card) return { kind: 'card', text: m.card.title ?? '' };
  return { kind: 'text', text: '' };
}

/** How many loaded messages reply to each message id, and the seq of the latest reply (to jump to). */
export function replyIndex(messages: readonly ChatMessage[]): Map<string, { count: number; lastSeq: number }> {
  const index = new Map<string, { count: number; lastSeq: number }>();
  for (const m of messages) {
    if (!m.replyTo || m.deleted) continue;
    const entry = index.get(m.replyTo) ?? { count: 0, lastSeq: 0 };
    entry.count++;
    entry.lastSeq = Math.max(entry.lastSeq, m.seq);
    index.set(m.replyTo, entry);
  }
  return index;
}

/** What the server accepts (Attachments/UploadAttachment.cs): images and PDFs up to 10 MB, at most 10 per message. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_MESSAGE = 10;
const EXTENSION_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf' };

export type AttachmentProblem = 'type' | 'size' | 'empty' | 'count';

/**
 * Checks a picked file before uploading it: its type (the browser's, else the name's extension), its size, and how many
 * are already attached. The server sniffs the content anyway; this only spares a pointless upload.
 */
export function checkAttachment(file: { name: string; type: string; size: number }, alreadyAttached = 0): AttachmentProblem | undefined {
  if (alreadyAttached >= ATTACHMENTS_PER_MESSAGE) return 'count';
  if (attachmentType(file) === undefined) return 'type';
  if (file.size <= 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return undefined;
}

export function attachmentType(file: { name: string; type: string }): string | undefined {
  const type = (file.type || '').toLowerCase();
  if ((ATTACHMENT_TYPES as readonly string[]).includes(type)) return type;
  if (type && type !== 'application/octet-stream') return undefined;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext];
}

export const isImage = (a: Pick<Attachment, 'contentType'>) => a.contentType?.startsWith('image/') ?? false;

/** 1.2 MB, 340 KB, 12 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * Applies a `messageUpdated` event (only what changed: text, mentions, editedAt, deleted, card) to the loaded message
 * with its seq. A message not loaded is left alone: it arrives whole when its page is read.
 */
export function applyUpdate(timeline: Timeline, update: MessageUpdate): Timeline {
  const seq = Number(update.seq);
  const i = timeline.messages.findIndex((m) => m.seq === seq);
  if (i < 0) return timeline;
  const current = timeline.messages[i];
  const at = update.editedAt ?? update.updatedAt;
  const seen = current.changedAt ?? current.editedAt;
  if (at && seen && Date.parse(at) < Date.parse(seen)) return timeline;
  const text = update.text ?? current.text;
  const deleted = update.deleted ?? current.deleted;
  // The hub stamps every change with a time, a card's new state too: only new words or a withdrawal make it "edited".
  const edited = !!deleted !== !!current.deleted || text !== current.text;
  const next: ChatMessage = {
    ...current,
    text,
    mentions: update.mentions ?? current.mentions,
    editedAt: edited ? at ?? new Date().toISOString() : current.editedAt,
    changedAt: at ?? current.changedAt,
    deleted,
    card: update.card !== undefined ? normalizeCard(update.card) : current.card,
  };
  if (next.deleted) { next.text = ''; next.attachments = []; next.mentions = []; }
  const messages = timeline.messages.slice();
  messages[i] = next;
  return { ...timeline, messages };
}

function normalizeCard(card: unknown): ChatMessage['card'] {
  if (typeof card === 'string') {
    try { return JSON.parse(card); } catch { return null; }
  }
  return (card ?? null) as ChatMessage['card'];
}

/** Only one's own, not withdrawn, not bot cards, and only messages the server has (a seq). */
export function canEdit(m: ChatMessage, userId: string): boolean {
  return m.authorId === userId && !m.deleted && !m.card;
}
