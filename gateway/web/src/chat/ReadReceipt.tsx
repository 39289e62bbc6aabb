import { useState } from 'preact/hooks';
import { get } from '../api/client';
import { t } from '../i18n';
import { describeError } from '../ui/components';
import { readersSummary, type MessageReaders } from './receipts';

/**
 * 已读/未读 under one's own message: asked of the server when tapped (one request per message, not one per message on
 * screen), and asked again on the next tap since people keep reading.
 */
export function ReadReceipt({ channelId, messageId }: { channelId: string; messageId: string }) {
  const [readers, setReaders] = useState<MessageReaders>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function load() {
    setBusy(true);
    setError(undefined);
    try {
      setReaders(await get<MessageReaders>(`/api/chat/channels/${encodeURIComponent(channelId)}/messages/${encodeURIComponent(messageId)}/readers`));
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  }
  const summary = readers && readersSummary(readers);
  return (
    <>
      <button type="button" class="btn btn-ghost btn-small read-receipt" aria-busy={busy} aria-expanded={!!readers} onClick={() => void load()}>
        {summary ? summary.label : t('chat.readers.show')}
      </button>
      {summary && (
        <p class="read-receipt-detail muted small" role="status">
          {summary.read.length > 0 && <span>{t('chat.readers.read')}：{summary.read.join('、')}</span>}
          {summary.notYet.length > 0 && <span>{t('chat.readers.notYet')}：{summary.notYet.join('、')}</span>}
        </p>
      )}
      {error && <span class="field-error small" role="alert">{error}</span>}
    </>
  );
}
