import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { t } from '../i18n';
import { paths } from '../router';
import { ErrorMessage } from '../ui/components';
import type { ChatService } from './chatService';
import { cardActions, cardFields, cardResolved } from './card';
import type { Card, CardAction } from './model';

const ADD_TO_PURCHASE_LIST = 'add-to-purchase-list';

/** A bot card: what the platform found, and buttons that act on it. Buttons go quiet once it is resolved. */
export function CardView({ card, messageId, chat }: { card: Card; messageId: string; chat: ChatService }) {
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [doneId, setDoneId] = useState<string>();
  const { perms } = useApp();
  const [error, setError] = useState<unknown>();
  const resolved = cardResolved(card);
  const fields = cardFields(card);
  const actions = cardActions(card);
  // Where an added item went: the purchase list, one tap away (a newcomer would not guess it is under 采购).
  const listed = doneId === ADD_TO_PURCHASE_LIST
    || (resolved && (actions.some((a) => a.id === ADD_TO_PURCHASE_LIST) || /采购清单|purchase list/i.test(card.resolution ?? '')));

  async function run(action: CardAction) {
    setBusy(action.id);
    setError(undefined);
    try {
      await chat.runAction(messageId, action.id);
      setDone(action.label);
      setDoneId(action.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div class="bot-card">
      {card.title && <p class="bot-card-title">{card.title}</p>}
      {(card.text ?? card.body) && <p>{card.text ?? card.body}</p>}
      {fields.length > 0 && (
        <dl class="bot-card-fields">
          {fields.map((f) => [<dt key={`${f.label}-t`}>{f.label}</dt>, <dd key={`${f.label}-d`}>{String(f.value)}</dd>])}
        </dl>
      )}
      {actions.length > 0 && !resolved && !done && (
        <div class="bot-card-actions">
          {actions.map((a) => (
            <button key={a.id} type="button" class={`btn btn-small ${a.style === 'primary' ? 'btn-primary' : 'btn-secondary'}`}
              disabled={!!busy || a.disabled} aria-busy={busy === a.id} onClick={() => void run(a)}>
              {a.label}
            </button>
          ))}
        </div>
      )}
      {!resolved && !done && card.status?.toLowerCase() === 'pending' && <p class="muted small" role="status">{t('chat.card.pending')}</p>}
      {(resolved || done) && (
        <p class="muted small" role="status">✓ {t('chat.card.done')}{done ? `：${done}` : card.resolution ? `：${card.resolution}` : ''}</p>
      )}
      {listed && perms.viewPurchasing && <a href={paths.purchasing()} class="small card-link">{t('chat.openPurchaseList')} ›</a>}
      {card.purchaseOrderId && <a href={paths.purchaseOrder(card.purchaseOrderId)} class="small">{t('chat.openOrder')} ›</a>}
      <ErrorMessage error={error} />
    </div>
  );
}
