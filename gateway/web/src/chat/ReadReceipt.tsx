import { t } from '../i18n';
import { readersSummary, type MessageReaders } from './receipts';
import { useMessageDetail } from './useMessageDetail';

/**
 * 已读/未读 under one's own message: asked of the server when tapped (one request per message, not one per message on
 * screen), and asked again on the next tap since people keep reading.
 */
export function ReadReceipt({ channelId, messageId }: { channelId: string; messageId: string }) {
  const { value: readers, busy, error, load } = useMessageDetail<MessageReaders>(channelId, messageId, 'readers');
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
