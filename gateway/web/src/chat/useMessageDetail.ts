import { useState } from 'preact/hooks';
import { get } from '../api/client';
import { describeError } from '../ui/components';

/**
 * Something the server knows about one message (its readers, its earlier versions), asked for only when the user taps:
 * `load` fetches it (again, if asked again), `clear` hides it; `busy` and `error` for the button and its message.
 */
export function useMessageDetail<T>(channelId: string, messageId: string, detail: 'readers' | 'history') {
  const [value, setValue] = useState<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function load() {
    setBusy(true);
    setError(undefined);
    try {
      setValue(await get<T>(`/api/chat/channels/${encodeURIComponent(channelId)}/messages/${encodeURIComponent(messageId)}/${detail}`));
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return { value, busy, error, load, clear: () => setValue(undefined) };
}
