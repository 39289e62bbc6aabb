import type { Attachment, ChatMessage } from './model';

/** A message sent from this device that the server has not yet given a `seq`. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
  postedAt: string;
  state: 'sending' | 'failed';
  replyTo?: string;
  attachments?: Attachment[];
}

/**
 * What one channel's message view holds. `messages` is sorted by `seq` with no duplicates, whatever order pages and
 * live events arrive in; holes in the `seq` sequence are gaps still to be filled from the server.
 */
export interface Timeline {
  messages: ChatMessage[];
  pending: PendingMessage[];
  /** The first message of the channel is loaded: there is no older history. */
  reachedStart: boolean;
}

export const emptyTimeline = (): Timeline => ({ messages: [], pending: [], reachedStart: false });

const FIRST_SEQ = 1;

function isValid(m: ChatMessage | undefined | null): m is ChatMessage {
  return !!m && Number.isFinite(m.seq) && m.seq >= FIRST_SEQ;
}

/** True when `incoming` should replace `existing` (same seq): anything not provably older does. */
function supersedes(incoming: ChatMessage, existing: ChatMessage): boolean {
  if (incoming.version !== undefined && existing.version !== undefined) return incoming.version >= existing.version;
  if (incoming.updatedAt && existing.updatedAt) return Date.parse(incoming.updatedAt) >= Date.parse(existing.updatedAt);
  if (existing.updatedAt && !incoming.updatedAt) return false;
  return true;
}

/** Adds messages from a page or a live event: dedupes by `seq`, keeps order, settles matching pending sends. */
export function mergeMessages(timeline: Timeline, incoming: readonly ChatMessage[]): Timeline {
  const valid = incoming.filter(isValid);
  if (valid.length === 0) return timeline;
  const bySeq = new Map(timeline.messages.map((m) => [m.seq, m]));
  for (const m of valid) {
    const existing = bySeq.get(m.seq);
    if (!existing || supersedes(m, existing)) bySeq.set(m.seq, existing ? { ...existing, ...m } : m);
  }
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const settled = new Set(valid.map((m) => m.clientMessageId).filter(Boolean));
  const pending = timeline.pending.filter((p) => !settled.has(p.clientMessageId));
  return {
    messages,
    pending: pending.length === timeline.pending.length ? timeline.pending : pending,
    reachedStart: timeline.reachedStart || messages[0]?.seq === FIRST_SEQ,
  };
}

/** A page came back shorter than asked while reading backwards from seq 1: nothing older exists. */
export function markReachedStart(timeline: Timeline): Timeline {
  return timeline.reachedStart ? timeline : { ...timeline, reachedStart: true };
}

export function lastSeq(timeline: Timeline): number {
  return timeline.messages.at(-1)?.seq ?? 0;
}

/** Holes inside the loaded range, as (after, before): messages after..before exclusive are missing. */
export function findGaps(timeline: Timeline): Array<{ after: number; before: number }> {
  const gaps: Array<{ after: number; before: number }> = [];
  const ms = timeline.messages;
  for (let i = 1; i < ms.length; i++)
    if (ms[i].seq > ms[i - 1].seq + 1) gaps.push({ after: ms[i - 1].seq, before: ms[i].seq });
  return gaps;
}

/** A live message that does not follow the last one we hold means we missed some (dropped connection, reorder). */
export function opensGap(timeline: Timeline, incoming: ChatMessage): boolean {
  const last = lastSeq(timeline);
  return last > 0 && incoming.seq > last + 1;
}

/** Where to resume reading forward: at the first hole, or after the newest message. */
export function catchUpAfter(timeline: Timeline): number {
  return findGaps(timeline)[0]?.after ?? lastSeq(timeline);
}

/**
 * The request for the page before the oldest loaded message, using only `after` (seqs are dense from 1):
 * `after = oldest - 1 - size`. Undefined when the start is reached.
 */
export function olderPage(timeline: Timeline, size: number): { after: number; limit: number } | undefined {
  const oldest = timeline.messages[0]?.seq;
  if (timeline.reachedStart || oldest === undefined || oldest <= FIRST_SEQ) return undefined;
  const after = Math.max(0, oldest - 1 - size);
  return { after, limit: oldest - 1 - after };
}

/** The first request when a channel opens: its newest page if the channel says how far it goes, else from the start. */
export function initialPage(channelLastSeq: number | undefined, size: number): { after: number; limit: number } {
  if (!channelLastSeq || channelLastSeq <= size) return { after: 0, limit: size };
  return { after: channelLastSeq - size, limit: size };
}

export type FetchPage = (after: number, limit: number) => Promise<ChatMessage[]>;

/**
 * Reads forward from `catchUpAfter` until the server has nothing newer and no hole remains, or `maxPages` is spent.
 * A hole the server cannot fill (its page is empty) stops the loop instead of spinning.
 */
export async function fillGaps(timeline: Timeline, fetchPage: FetchPage, limit: number, maxPages = 20): Promise<Timeline> {
  let current = timeline;
  for (let page = 0; page < maxPages; page++) {
    const after = catchUpAfter(current);
    const messages = await fetchPage(after, limit);
    current = mergeMessages(current, messages);
    if (messages.length < limit && findGaps(current).length === 0) break;
    if (catchUpAfter(current) === after) break;
  }
  return current;
}

export function addPending(timeline: Timeline, p: PendingMessage): Timeline {
  return { ...timeline, pending: [...timeline.pending.filter((x) => x.clientMessageId !== p.clientMessageId), p] };
}

/** A send the server posted elsewhere (a price written in a supplier's order channel goes to its 报价 channel): no longer pending here. */
export function dropPending(timeline: Timeline, clientMessageId: string): Timeline {
  return timeline.pending.some((p) => p.clientMessageId === clientMessageId)
    ? { ...timeline, pending: timeline.pending.filter((p) => p.clientMessageId !== clientMessageId) }
    : timeline;
}

export function setPendingState(timeline: Timeline, clientMessageId: string, state: PendingMessage['state']): Timeline {
  return { ...timeline, pending: timeline.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, state } : p)) };
}
