import { useEffect, useState } from 'preact/hooks';
import { inventory, ok } from '../api/services';
import { currentSession } from '../session/store';
import { CountQueue, type FlushResult, type KeyValueStore, type QueuedCount } from './countQueue';

/** How often waiting counts are tried again while the page is open (besides the browser's `online` event). */
const RETRY_MS = 15_000;

const memory = new Map<string, string>();
/**
 * localStorage, or memory when the browser refuses it (private mode): counts then live as long as the page. Each signed-in
 * person has a queue of their own (the key names the chain and user): on a shared phone, counts one clerk left waiting are
 * never sent under the next one's login, and go out when that clerk signs in again.
 */
const own = (k: string) => {
  const session = currentSession();
  return session ? `${k}.${session.chain}.${session.user.id}` : `${k}.signed-out`;
};
const store: KeyValueStore = {
  getItem: (k) => { try { return localStorage.getItem(own(k)); } catch { return memory.get(own(k)) ?? null; } },
  setItem: (k, v) => { try { localStorage.setItem(own(k), v); } catch { memory.set(own(k), v); } },
};

/** The phone's one queue of 盘点 counts, sent through the count route's batch form. */
export const countQueue = new CountQueue(store, async ({ branch, stocktakeId, zoneId }, counts) => {
  const answer = await ok(inventory.POST('/api/inventory/branches/{branch}/stocktakes/{id}/zones/{zone}/counts', {
    params: { path: { branch, id: stocktakeId, zone: zoneId } },
    // The batch form: the single-count fields stay empty.
    body: { countId: null, sku: null, quantity: null, confirm: null, addToZone: null, counts },
  }));
  return answer.counts;
});

// Back in signal: whatever waits goes out.
if (typeof window !== 'undefined') window.addEventListener('online', () => { void countQueue.flush(); });

/** The zone's waiting counts, kept current, and the outcome of the last send. */
export function useZoneQueue(branch: string, stocktakeId: string, zoneId: string, onSent: (result: FlushResult) => void) {
  const [waiting, setWaiting] = useState<QueuedCount[]>(() => countQueue.of(branch, stocktakeId, zoneId));
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const refresh = () => setWaiting(countQueue.of(branch, stocktakeId, zoneId));
    refresh();
    return countQueue.subscribe(refresh);
  }, [branch, stocktakeId, zoneId]);

  async function flush(): Promise<FlushResult> {
    const result = await countQueue.flush();
    setOffline(result.offline);
    if (result.sent.length || result.refused.length) onSent(result);
    return result;
  }

  useEffect(() => {
    const online = () => { void flush(); };
    window.addEventListener('online', online);
    void flush();
    return () => window.removeEventListener('online', online);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [branch, stocktakeId, zoneId]);

  // A phone's signal comes back without always saying so: while counts wait, try again now and then.
  const sendable = waiting.some((c) => !c.problem);
  useEffect(() => {
    if (!sendable) return;
    const timer = setInterval(() => { void flush(); }, RETRY_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sendable, branch, stocktakeId, zoneId]);

  return { waiting, offline, flush };
}
