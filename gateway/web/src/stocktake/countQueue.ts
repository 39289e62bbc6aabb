import { ApiError } from '../api/client';
import type { ProblemDetails } from '../api/problem';

/**
 * 盘点 counts waiting to reach the server. Every count goes through this queue: it is written to localStorage first (a
 * phone in the stockroom often has no signal), then sent; the ones the server has answered leave the queue. Each keeps the
 * `countId` it was made with, so a count sent twice (the answer was lost, the phone resent it) is recorded once: the server
 * answers the second one `duplicate`.
 *
 * localStorage rather than IndexedDB: a zone's counts are a few hundred small records, read and written whole, and
 * localStorage is synchronous, so the list on screen never disagrees with what is stored.
 */
export interface QueuedCount {
  branch: string;
  stocktakeId: string;
  zoneId: string;
  countId: string;
  sku: string;
  /** What the counter saw when counting, for the list (the server's name comes back with the stocktake). */
  label: string;
  quantity: number;
  confirm?: boolean;
  addToZone?: boolean;
  at: string;
  /** The server refused it (the whole batch is retried one by one to find which): its problem, until the counter acts. */
  problem?: ProblemDetails & { status: number };
}

export interface CountAnswer {
  countId: string;
  sku: string;
  outcome: 'recorded' | 'duplicate' | string;
}

/** Sends a batch of one zone's counts; resolves with the server's answer per count or throws an {@link ApiError}. */
export type SendCounts = (zone: { branch: string; stocktakeId: string; zoneId: string },
  counts: Array<{ countId: string; sku: string; quantity: number; confirm: boolean | null; addToZone: boolean | null }>) => Promise<CountAnswer[]>;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const QUEUE_KEY = 'stationery.stocktake.queue';
/** The server takes at most 500 counts in one request. */
export const BATCH = 500;

export interface FlushResult {
  /** Count ids the server has now (recorded by this send or an earlier one). */
  sent: string[];
  /** Count ids refused, each with its problem (kept in the queue, marked). */
  refused: string[];
  /** Still waiting: the network failed. */
  offline: boolean;
}

export class CountQueue {
  private flushing: Promise<FlushResult> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: KeyValueStore, private readonly send: SendCounts) {}

  all(): QueuedCount[] {
    try {
      const parsed = JSON.parse(this.store.getItem(QUEUE_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed as QueuedCount[] : [];
    } catch {
      return [];
    }
  }

  of(branch: string, stocktakeId: string, zoneId: string): QueuedCount[] {
    return this.all().filter((c) => c.branch === branch && c.stocktakeId === stocktakeId && c.zoneId === zoneId);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /**
   * Adds a count. A count of the same product in the same zone still waiting is replaced (a recount before the first
   * reached the server: only the latest is meant; the server would replace it anyway).
   */
  add(count: QueuedCount): void {
    const rest = this.all().filter((c) => !sameProduct(c, count));
    this.save([...rest, { ...count, problem: undefined }]);
  }

  remove(countId: string): void {
    this.save(this.all().filter((c) => c.countId !== countId));
  }

  /**
   * Sends every waiting count that has no problem, a batch per zone. A network failure keeps them for the next try; a
   * refused batch (one bad count refuses all of it) is sent again one count at a time, so the good ones are recorded and
   * each bad one keeps its own problem. One flush at a time: a second call joins the running one.
   */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.run().finally(() => { this.flushing = undefined; });
    return this.flushing;
  }

  private async run(): Promise<FlushResult> {
    const result: FlushResult = { sent: [], refused: [], offline: false };
    const waiting = this.all().filter((c) => !c.problem);
    for (const group of groupByZone(waiting)) {
      for (let i = 0; i < group.length; i += BATCH) {
        const batch = group.slice(i, i + BATCH);
        const outcome = await this.sendBatch(batch, result);
        if (outcome === 'offline') { result.offline = true; return result; }
      }
    }
    return result;
  }

  private async sendBatch(batch: QueuedCount[], result: FlushResult): Promise<'done' | 'offline'> {
    try {
      const answers = await this.send(zoneOf(batch[0]), batch.map(wire));
      this.settled(answers.map((a) => a.countId), result);
      return 'done';
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) return 'offline';
      if (batch.length > 1) {
        for (const one of batch) if ((await this.sendBatch([one], result)) === 'offline') return 'offline';
        return 'done';
      }
      this.refuse(batch[0].countId, { ...e.problem, status: e.status });
      result.refused.push(batch[0].countId);
      return 'done';
    }
  }

  private settled(countIds: string[], result: FlushResult): void {
    const done = new Set(countIds);
    result.sent.push(...countIds);
    this.save(this.all().filter((c) => !done.has(c.countId)));
  }

  private refuse(countId: string, problem: QueuedCount['problem']): void {
    this.save(this.all().map((c) => (c.countId === countId ? { ...c, problem } : c)));
  }

  private save(counts: QueuedCount[]): void {
    this.store.setItem(QUEUE_KEY, JSON.stringify(counts));
    this.listeners.forEach((l) => l());
  }
}

function sameProduct(a: QueuedCount, b: QueuedCount): boolean {
  return a.branch === b.branch && a.stocktakeId === b.stocktakeId && a.zoneId === b.zoneId && a.sku === b.sku;
}

function zoneOf(c: QueuedCount) {
  return { branch: c.branch, stocktakeId: c.stocktakeId, zoneId: c.zoneId };
}

function wire(c: QueuedCount) {
  return { countId: c.countId, sku: c.sku, quantity: c.quantity, confirm: c.confirm ? true : null, addToZone: c.addToZone ? true : null };
}

function groupByZone(counts: QueuedCount[]): QueuedCount[][] {
  const groups = new Map<string, QueuedCount[]>();
  for (const c of counts) {
    const key = `${c.branch}\u0000${c.stocktakeId}\u0000${c.zoneId}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}
