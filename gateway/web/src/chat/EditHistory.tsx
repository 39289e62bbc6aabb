import { t } from '../i18n';
import { formatTime } from '../ui/components';
import { historyRows, type MessageHistory } from './history';
import { useMessageDetail } from './useMessageDetail';

/**
 * The 已编辑 marker: tapping it asks the server for the message's earlier versions (one request, only when wanted) and lists
 * them under the message; tapping again hides them. Any member of the channel may look, as in WeCom.
 */
export function EditHistory({ channelId, messageId }: { channelId: string; messageId: string }) {
  const { value: history, busy, error, load, clear } = useMessageDetail<MessageHistory>(channelId, messageId, 'history');
  const toggle = () => (history ? clear() : load());
  const rows = history && historyRows(history);
  return (
    <>
      <button type="button" class="btn btn-ghost btn-small edited-marker" aria-busy={busy} aria-expanded={!!history}
        title={t('chat.history.show')} onClick={() => void toggle()}>
        {t('chat.edited')}
      </button>
      {rows && (
        <ol class="edit-history muted small" aria-label={t('chat.history.title')}>
          {rows.length === 0 && <li>{t('chat.history.withheld')}</li>}
          {rows.map((r) => (
            <li key={r.label}>
              <span class="edit-history-label">{r.label}</span> <time dateTime={r.at}>{formatTime(r.at, true)}</time> {r.by}
              <p class="edit-history-text">{r.text}</p>
            </li>
          ))}
        </ol>
      )}
      {error && <span class="field-error small" role="alert">{error}</span>}
    </>
  );
}
