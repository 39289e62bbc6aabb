import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { t } from '../i18n';
import { paths } from '../router';
import { ErrorMessage, formatTime } from '../ui/components';
import type { ChatService } from './chatService';
import { CardImage } from './Attachments';
import { cardActions, cardFields, cardLinks, cardResolved } from './card';
import type { Card, CardAction } from './model';

const ADD_TO_PURCHASE_LIST = 'add-to-purchase-list';
const CONFIRM_ORDER = 'confirm-order';

/** A bot card: what the platform found, and buttons that act on it. Buttons go quiet once it is resolved. */
export function CardView({ card, messageId, chat }: { card: Card; messageId: string; chat: ChatService }) {
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [doneId, setDoneId] = useState<string>();
  const { perms } = useApp();
  const [error, setError] = useState<unknown>();
  const [expectedBy, setExpectedBy] = useState('');
  const resolved = cardResolved(card);
  const fields = cardFields(card);
  const actions = cardActions(card);
  const links = cardLinks(card);
  // Once the deciding service answered (done), its outcome (已收货, 已加入采购清单 20 支) replaces the label of the button pressed.
  const outcome = card.status?.toLowerCase() === 'done' && card.resolution ? card.resolution : done ?? card.resolution;
  // Where an added item went: the purchase list, one tap away (a newcomer would not guess it is under 采购).
  const listed = doneId === ADD_TO_PURCHASE_LIST
    || (resolved && (actions.some((a) => a.id === ADD_TO_PURCHASE_LIST) || /采购清单|purchase list/i.test(card.resolution ?? '')));

  async function run(action: CardAction) {
    setBusy(action.id);
    setError(undefined);
    try {
      await chat.runAction(messageId, action.id, action.id === CONFIRM_ORDER && expectedBy ? { expectedBy } : undefined);
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
      {card.imageId && <CardImage id={card.imageId} alt={card.title ? t('chat.card.imageOf', { title: card.title }) : t('chat.image')} />}
      {links.length > 0 && (
        <nav class="bot-card-links small" aria-label={t('chat.card.agreedIn')}>
          <span class="muted">{t('chat.card.agreedIn')}：</span>
          {links.map((l) => (
            <a key={l.messageId} href={l.href} class="card-link" data-kind={l.kind} onClick={(e) => openCited(e, l.href)}>
              {l.text}{l.at ? <time class="muted" dateTime={l.at}> {formatTime(l.at, true)}</time> : null} ›
            </a>
          ))}
        </nav>
      )}
      {actions.some((a) => a.id === CONFIRM_ORDER) && !resolved && !done && (
        <label class="bot-card-date small">
          <span>{t('chat.card.expectedBy')}</span>
          <input type="date" value={expectedBy} min={new Date().toISOString().slice(0, 10)}
            onInput={(e) => setExpectedBy(e.currentTarget.value)} />
        </label>
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
      {!resolved && !done && card.status?.toLowerCase() === 'open' && card.resolution && <p class="muted small card-note" role="status">{card.resolution}</p>}
      {(resolved || done) && (
        <p class="muted small" role="status">✓ {t('chat.card.done')}{outcome ? `：${outcome}` : ''}</p>
      )}
      {listed && perms.viewPurchasing && <a href={paths.purchasing()} class="small card-link">{t('chat.openPurchaseList')} ›</a>}
      {card.transferId && perms.viewStock && <a href={paths.transfers()} class="small card-link">{t('chat.card.openTransfer')} ›</a>}
      {card.purchaseOrderId && <a href={paths.purchaseOrder(card.purchaseOrderId)} class="small">{t('chat.openOrder')} ›</a>}
      <ErrorMessage error={error} />
    </div>
  );
}

/**
 * A cited message in the channel already open: the address only gains `#seq-N`, which the chat screen hears as a
 * hashchange and scrolls to (loading older history if needed). Another channel: the app's link handling navigates.
 */
function openCited(e: MouseEvent, href: string) {
  const [path] = href.split('#');
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || path !== location.pathname) return;
  e.preventDefault();
  history.replaceState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
