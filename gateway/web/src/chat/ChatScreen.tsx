import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { mentionsUser } from '../session/permissions';
import { paths } from '../router';
import { ErrorMessage, Loading, describeError, formatTime, useLoad } from '../ui/components';
import { AttachmentList } from './Attachments';
import { CardView } from './CardView';
import { EditHistory } from './EditHistory';
import { sortChannels } from './channels';
import { useChat, type ChatService } from './chatService';
import { canEdit, quoteText, replyIndex } from './compose';
import { MemberSheet, NewConversation } from './Conversations';
import { loadMembers } from './conversations';
import { mentionPeople } from './members';
import { Composer, quoteLabel } from './Composer';
import { FormatHelper } from './FormatHelper';
import { ReadReceipt } from './ReadReceipt';
import { NOTIFICATION_LEVELS, type Channel, type ChatMessage, type NotificationLevel } from './model';
import type { PendingMessage } from './timeline';
import { Icon } from '../ui/icons';

export function ChatScreen({ channelId }: { channelId?: string }) {
  const { session, perms } = useApp();
  const chat = useChat(session, perms);

  useEffect(() => {
    void chat.open(channelId);
    return () => { void chat.open(undefined); };
  }, [chat, channelId]);

  const channel = chat.channels.find((c) => c.id === channelId);
  return (
    <div class={`chat${channelId ? ' has-channel' : ''}`}>
      <ChannelList chat={chat} activeId={channelId} />
      {channelId
        ? <MessageView chat={chat} channelId={channelId} channel={channel} />
        : <p class="chat-placeholder muted">{t('chat.pickChannel')}</p>}
    </div>
  );
}

function StatusLine({ chat }: { chat: ChatService }) {
  if (chat.status === 'connected') return null;
  const key: MessageKey = chat.status === 'connecting' ? 'chat.connecting' : chat.status === 'reconnecting' ? 'chat.reconnecting' : 'chat.disconnected';
  return <p class={`connection connection-${chat.status}`} role="status">{t(key)}</p>;
}

function ChannelList({ chat, activeId }: { chat: ChatService; activeId?: string }) {
  const { perms } = useApp();
  const channels = sortChannels(chat.channels);
  const [starting, setStarting] = useState(false);
  return (
    <section class="channel-list" aria-labelledby="channels-title">
      <div class="pane-title-row">
        <h1 id="channels-title" class="pane-title">{t('chat.channels')}</h1>
        {perms.openConversations && (
          <button type="button" class="btn btn-ghost btn-small" onClick={() => setStarting(true)}>{t('chat.new.open')}</button>
        )}
        <a href={paths.search()} class="btn btn-ghost btn-small search-link" aria-label={t('search.title')}><SearchIcon /><span class="search-link-text">{t('search.title')}</span></a>
      </div>
      <StatusLine chat={chat} />
      {!chat.channelsLoaded && <Loading />}
      <ErrorMessage error={chat.channelsError} onRetry={() => void chat.loadChannels()} />
      {chat.channelsLoaded && !chat.channelsError && channels.length === 0 && <p class="muted pad">{t('chat.noChannels')}</p>}
      <ul class="channels">
        {channels.map((c) => <ChannelItem key={c.id} channel={c} active={c.id === activeId} />)}
      </ul>
      {starting && <NewConversation onClose={() => setStarting(false)} onOpened={() => chat.loadChannels()} />}
    </section>
  );
}

function ChannelItem({ channel, active }: { channel: Channel; active: boolean }) {
  const unread = channel.unread ?? 0;
  const mentions = channel.mentions ?? 0;
  const kindKey = channel.kind ? (`chat.kind.${channel.kind}` as MessageKey) : undefined;
  return (
    <li>
      <a href={paths.chat(channel.id)} class={`channel${active ? ' active' : ''}${unread ? ' unread' : ''}`} aria-current={active ? 'page' : undefined}>
        <span class="channel-avatar" aria-hidden="true">{channel.kind === 'supplier' ? <Icon name="truck" /> : channel.kind === 'prices' ? <Icon name="price" /> : channel.name.slice(0, 1)}</span>
        <span class="channel-text">
          <span class="channel-name">{channel.name}</span>
          <span class="channel-meta muted">{[kindKey && t(kindKey), (channel.branchName as string | undefined) ?? channel.branch].filter(Boolean).join(' · ')}</span>
        </span>
        {channel.notifications && channel.notifications !== 'all' && (
          <span class="notify-level muted small" title={t(`chat.notify.${channel.notifications}` as MessageKey)}>
            <BellIcon off={channel.notifications === 'none'} /><span class="visually-hidden">{t(`chat.notify.${channel.notifications}` as MessageKey)}</span>
          </span>
        )}
        {mentions > 0 && <span class="badge badge-mention" title={t('chat.mentioned')}>@<span class="visually-hidden">{t('chat.mentioned')}</span></span>}
        {unread > 0 && <span class="badge" aria-label={t('chat.unread', { count: unread })}>{unread > 99 ? '99+' : unread}</span>}
      </a>
    </li>
  );
}

function MessageView({ chat, channelId, channel }: { chat: ChatService; channelId: string; channel?: Channel }) {
  const { session } = useApp();
  const timeline = chat.timeline(channelId);
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ first?: number; height: number; top: number }>({ height: 0, top: 0 });
  const [composerText, setComposerText] = useState('');
  const [helperOpen, setHelperOpen] = useState(false);
  const [replyTo, setReplyTo] = useState<ChatMessage>();
  const [editing, setEditing] = useState<ChatMessage>();
  const loading = chat.loading.has(channelId);
  const unreadFrom = chat.firstUnread(channelId);
  const first = timeline.messages[0]?.seq;
  const last = timeline.messages.at(-1)?.seq;
  const byId = useMemo(() => new Map(timeline.messages.map((m) => [m.id, m])), [timeline.messages]);
  const replies = useMemo(() => replyIndex(timeline.messages), [timeline.messages]);
  const members = useLoad((signal) => loadMembers(channelId, signal), [channelId]);
  const [membersOpen, setMembersOpen] = useState(false);
  const memberList = members.data?.id === channelId ? members.data.members : [];
  const found = useMemo(() => mentionPeople(memberList, timeline.messages, session.user.id), [memberList, timeline.messages, session.user.id]);
  // Every incoming message yields a new array; keep the old one while the people are the same, so an open @mention list
  // is not rebuilt (and its highlighted choice moved) under the user's finger while the channel is busy.
  const stablePeople = useRef(found);
  if (JSON.stringify(stablePeople.current) !== JSON.stringify(found)) stablePeople.current = found;
  const people = stablePeople.current;

  // Keep the reader's place: older history prepends without moving what is on screen; new messages stick to the
  // bottom only when the reader was already there. No jumps while messages stream in.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current.first !== undefined && first !== undefined && first < anchor.current.first)
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
    else if (atBottom.current) el.scrollTop = el.scrollHeight;
    anchor.current = { first, height: el.scrollHeight, top: el.scrollTop };
  }, [first, last, timeline.pending.length, channelId]);

  useEffect(() => { atBottom.current = true; setComposerText(''); setReplyTo(undefined); setEditing(undefined); }, [channelId]);

  // Infinite scroll back through history.
  useEffect(() => {
    const el = topSentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !atBottom.current) void chat.loadOlder(channelId);
    }, { root: scroller.current, rootMargin: '200px 0px 0px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [chat, channelId]);

  function onScroll() {
    const el = scroller.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    anchor.current = { first, height: el.scrollHeight, top: el.scrollTop };
    if (atBottom.current) chat.scheduleRead();
  }

  /** Brings a loaded message into view and gives it focus (quote → original, thread → latest reply). */
  function jumpTo(seq: number) {
    const el = scroller.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1500);
  }

  function startEdit(m: ChatMessage) {
    setReplyTo(undefined);
    setEditing(m);
    setComposerText(m.text);
  }

  async function withdraw(m: ChatMessage) {
    if (!confirm(t('chat.withdrawAsk'))) return;
    try {
      await chat.withdraw(channelId, m);
      if (editing?.id === m.id) { setEditing(undefined); setComposerText(''); }
    } catch (e) {
      alert(describeError(e).message);
    }
  }

  // A card's citation in this channel changes only the hash.
  const [hashTick, setHashTick] = useState(0);
  useEffect(() => {
    const heard = () => setHashTick((n) => n + 1);
    window.addEventListener('hashchange', heard);
    return () => window.removeEventListener('hashchange', heard);
  }, []);

  // Arriving from a search result or a card's citation (`#seq-N`): show that message, reading back through history until it is loaded.
  useEffect(() => {
    const m = /^#seq-(\d+)$/.exec(location.hash);
    if (!m) return;
    const target = Number(m[1]);
    atBottom.current = false;
    if (timeline.messages.some((x) => x.seq === target)) {
      history.replaceState(null, '', location.pathname);
      requestAnimationFrame(() => jumpTo(target));
    } else if (first !== undefined && target < first && !timeline.reachedStart && !loading) {
      void chat.loadOlder(channelId);
    }
  }, [timeline.messages, channelId, loading, hashTick]);

  const error = chat.errors.get(channelId);
  return (
    <section class="messages-pane" aria-labelledby="channel-title">
      <header class="pane-header">
        <a href={paths.chat()} class="btn btn-ghost back-link" aria-label={t('app.back')}>‹</a>
        <div class="pane-heading">
          <h1 id="channel-title" class="pane-title">{channel?.name ?? ''}</h1>
          {channel && (channel.branchName ?? channel.branch) && <span class="pane-subtitle muted small">{(channel.branchName as string | undefined) ?? channel.branch}</span>}
        </div>
        <button type="button" class="btn btn-ghost btn-small members-button" onClick={() => setMembersOpen(true)}
          aria-label={t('chat.members.open', { count: memberList.length })}>
          {t('chat.members.button')}{memberList.length ? ` ${memberList.length}` : ''}
        </button>
        {channel && <NotificationControl chat={chat} channel={channel} />}
        <StatusLine chat={chat} />
      </header>
      {membersOpen && <MemberSheet channelId={channelId} onClose={() => setMembersOpen(false)} onChanged={(info) => members.setData(info)} />}
      <div class="messages" ref={scroller} onScroll={onScroll}>
        <div ref={topSentinel} />
        {timeline.reachedStart
          ? <p class="muted center small">{t('chat.beginning')}</p>
          : timeline.messages.length > 0 && (
            <button type="button" class="btn btn-small btn-ghost center-block" disabled={loading} onClick={() => void chat.loadOlder(channelId)}>
              {t('chat.loadOlder')}
            </button>
          )}
        {loading && timeline.messages.length === 0 && <Loading />}
        <ErrorMessage error={error} onRetry={() => void chat.open(channelId)} />
        <div role="log" aria-live="polite" aria-label={t('chat.messages')}>
        <ol class="message-list">
          {timeline.messages.map((m, i) => (<Fragment key={m.seq}>
            {unreadFrom !== undefined && m.seq >= unreadFrom && (i === 0 ? !timeline.reachedStart || m.seq > 1 : timeline.messages[i - 1].seq < unreadFrom) && (
              <li class="unread-divider" role="separator" aria-label={t('chat.unreadFrom')}><span>{t('chat.unreadFrom')}</span></li>
            )}
            <MessageItem message={m} chat={chat} mine={m.authorId === session.user.id}
              parent={m.replyTo ? byId.get(m.replyTo) : undefined} thread={replies.get(m.id)}
              onReply={() => { setEditing(undefined); setReplyTo(m); }} onEdit={() => startEdit(m)} onWithdraw={() => void withdraw(m)} onJump={jumpTo} />
          </Fragment>))}
          {timeline.pending.map((p) => <PendingItem key={p.clientMessageId} pending={p} onRetry={() => chat.retry(channelId, p.clientMessageId)} />)}
        </ol>
        </div>
      </div>
      <Composer
        channelId={channelId}
        text={composerText}
        setText={setComposerText}
        people={people}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(undefined)}
        editing={editing}
        onCancelEdit={() => { setEditing(undefined); setComposerText(''); }}
        onSend={(draft) => { atBottom.current = true; setReplyTo(undefined); void chat.send(channelId, draft); }}
        onEdit={async (text) => { await chat.edit(channelId, editing!, text); setEditing(undefined); }}
        onHelper={() => setHelperOpen(true)}
      />
      {helperOpen && <FormatHelper onClose={() => setHelperOpen(false)} onInsert={(text) => { setComposerText(text); setHelperOpen(false); }} />}
    </section>
  );
}

/** How much of this channel notifies me: all, mentions only, alerts (the bot) only, or nothing. */
function NotificationControl({ chat, channel }: { chat: ChatService; channel: Channel }) {
  const [error, setError] = useState<string>();
  const level = channel.notifications ?? 'all';
  async function change(next: NotificationLevel) {
    setError(undefined);
    try {
      await chat.setNotifications(channel.id, next);
      // Background notifications need the browser's permission; ask once, when the user chooses to be told things.
      if (next !== 'none' && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => {});
    } catch (e) {
      setError(describeError(e).message);
    }
  }
  return (
    <label class="notify-control">
      <BellIcon off={level === 'none'} />
      <span class="visually-hidden">{t('chat.notify.label')}</span>
      <select value={level} onChange={(e) => void change(e.currentTarget.value as NotificationLevel)}>
        {NOTIFICATION_LEVELS.map((l) => <option key={l} value={l}>{t(`chat.notify.${l}` as MessageKey)}</option>)}
      </select>
      {error && <span class="field-error small" role="alert">{error}</span>}
    </label>
  );
}

/** Message text with @mentions set apart. */
function MessageText({ text }: { text: string }) {
  const parts = text.split(/(@[^\s@，,。:：;；]+)/g);
  return <p class="message-text">{parts.map((p, i) => (p.startsWith('@') ? <span key={i} class="mention">{p}</span> : p))}</p>;
}

function MessageItem({ message, chat, mine, parent, thread, onReply, onEdit, onWithdraw, onJump }: {
  message: ChatMessage; chat: ChatService; mine: boolean; parent?: ChatMessage; thread?: { count: number; lastSeq: number };
  onReply: () => void; onEdit: () => void; onWithdraw: () => void; onJump: (seq: number) => void;
}) {
  const { session } = useApp();
  const mentioned = !mine && mentionsUser(message.mentions, session.user);
  const classes = ['message', mine && 'mine', message.important && 'important', mentioned && 'mentioned', message.card && 'has-card', message.deleted && 'withdrawn'].filter(Boolean).join(' ');
  const quote = message.replyTo ? quoteText(parent) : undefined;
  return (
    <li class={classes} data-seq={message.seq} tabIndex={-1}>
      <div class="message-head">
        <span class="author">{message.authorName}</span>
        <time class="muted small" dateTime={message.postedAt}>{formatTime(message.postedAt)}</time>
        {message.editedAt && !message.deleted && message.id && <EditHistory channelId={message.channelId} messageId={message.id} />}
        {message.important && <span class="tag tag-important">{t('chat.important')}</span>}
        {mentioned && <span class="tag tag-mention">@ {t('chat.mentionsYou')}</span>}
      </div>
      {quote && !message.deleted && (
        <button type="button" class="reply-quote" disabled={!parent} onClick={() => parent && onJump(parent.seq)}
          aria-label={t('chat.reply.quoteLabel', { name: parent?.authorName ?? '', text: quoteLabel(quote) })}>
          {parent && <span class="reply-quote-author">{parent.authorName}</span>}
          <span class="reply-quote-text">{quoteLabel(quote)}</span>
        </button>
      )}
      {message.deleted
        ? <p class="message-text muted withdrawn-text">{mine ? t('chat.withdrawnMine') : t('chat.withdrawnBy', { name: message.authorName })}</p>
        : <>
            {message.text && <MessageText text={message.text} />}
            {message.attachments && message.attachments.length > 0 && (
              // The card's own picture shows inside the card, not twice.
              <AttachmentList attachments={message.attachments.filter((a) => a.id !== message.card?.imageId)} />
            )}
            {message.card && <CardView card={message.card} messageId={message.id} chat={chat} />}
          </>}
      {!message.deleted && (
        <div class="message-actions">
          {thread && (
            <button type="button" class="btn btn-ghost btn-small thread-link" onClick={() => onJump(thread.lastSeq)}>
              {t(thread.count === 1 ? 'chat.thread.one' : 'chat.thread.count', { count: thread.count })}
            </button>
          )}
          <button type="button" class="btn btn-ghost btn-small" onClick={onReply} aria-label={t('chat.reply.to', { name: message.authorName })}>{t('chat.reply')}</button>
          {canEdit(message, session.user.id) && <>
            <button type="button" class="btn btn-ghost btn-small" onClick={onEdit}>{t('chat.edit')}</button>
            <button type="button" class="btn btn-ghost btn-small" onClick={onWithdraw}>{t('chat.withdraw')}</button>
          </>}
          {mine && message.id && <ReadReceipt channelId={message.channelId} messageId={message.id} />}
        </div>
      )}
    </li>
  );
}

function PendingItem({ pending, onRetry }: { pending: PendingMessage; onRetry: () => void }) {
  return (
    <li class={`message mine pending ${pending.state}`}>
      {pending.text && <MessageText text={pending.text} />}
      {pending.attachments && pending.attachments.length > 0 && <p class="muted small">{t('chat.attach.count', { count: pending.attachments.length })}</p>}
      {pending.state === 'sending'
        ? <span class="muted small">{t('chat.sending')}</span>
        : <button type="button" class="btn btn-small btn-danger" onClick={onRetry}>{t('chat.sendFailed')}</button>}
    </li>
  );
}

function BellIcon({ off }: { off?: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 16V11a6 6 0 0112 0v5l2 2H4zM10 20a2 2 0 004 0" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}

function SearchIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" aria-hidden="true" focusable="false">
      <path d="M11 18a7 7 0 100-14 7 7 0 000 14zM16 16l5 5" />
    </svg>
  );
}
