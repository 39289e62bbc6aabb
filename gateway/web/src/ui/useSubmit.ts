import { useRef, useState } from 'preact/hooks';
import { ApiError, newId } from '../api/client';

/**
 * Runs a form's command once per intent: the same `Idempotency-Key` is reused when the user retries after a failure
 * (so a request that did reach the server is not applied twice), and a fresh one is made after a success.
 */
export function useSubmit<T>(run: (idempotencyKey: string) => Promise<T>, onDone?: (result: T) => void) {
  const key = useRef(newId());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  async function submit(e?: Event) {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const result = await run(key.current);
      key.current = newId();
      setDone(true);
      onDone?.(result);
    } catch (err) {
      // A validation failure means nothing was applied: the corrected form is a new intent (and 422 says the key was
      // already spent on a different form).
      if (err instanceof ApiError && (err.status === 400 || err.status === 422)) key.current = newId();
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = error instanceof ApiError ? error.describe().fields : {};
  return { submit, busy, error, done, setDone, fields };
}
