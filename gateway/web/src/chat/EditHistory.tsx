import { useState } from 'preact/hooks';
import { get } from '../api/client';
import { t } from '../i18n';
import { describeError, formatTime } from '../ui/components';
import { historyRows, type MessageHistory } from './history';

/**
 * The 已编辑 marker: tapping it asks the server for the message's earlier versions (one request, only when wanted) and lists
 * them under the message; tapping again hides them. Any member of the channel may look, as in WeCom.
 */
export function EditHistory({ channelId, messageId }: { channelId: string; messageId: string }) {
  const [history, setHistory] = useState<MessageHistory>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function toggle() {
    if (history) { setHistory(undefined); return; }
    setBusy(true);
    setError(undefined);
    try {
      setHistory(await get<MessageHistory>(`/api/chat/channels/${encodeURIComponent(channelId)}/messages/${encodeURIComponent(messageId)}/history`));
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  }
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
