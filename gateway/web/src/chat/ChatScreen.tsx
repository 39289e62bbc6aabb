import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { mentionsUser } from '../session/permissions';
import { paths } from '../router';
import { ErrorMessage, Loading, formatTime } from '../ui/components';
import { CardView } from './CardView';
import { sortChannels } from './channels';
import { useChat, type ChatService } from './chatService';
import { FormatHelper } from './FormatHelper';
import type { Channel, ChatMessage } from './model';
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
  const channels = sortChannels(chat.channels);
  return (
    <section class="channel-list" aria-labelledby="channels-title">
      <h1 id="channels-title" class="pane-title">{t('chat.channels')}</h1>
      <StatusLine chat={chat} />
      {!chat.channelsLoaded && <Loading />}
      <ErrorMessage error={chat.channelsError} onRetry={() => void chat.loadChannels()} />
      {chat.channelsLoaded && !chat.channelsError && channels.length === 0 && <p class="muted pad">{t('chat.noChannels')}</p>}
      <ul class="channels">
        {channels.map((c) => <ChannelItem key={c.id} channel={c} active={c.id === activeId} />)}
      </ul>
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
        <span class="channel-avatar" aria-hidden="true">{channel.kind === 'supplier' ? <Icon name="truck" /> : channel.name.slice(0, 1)}</span>
        <span class="channel-text">
          <span class="channel-name">{channel.name}</span>
          <span class="channel-meta muted">{[kindKey && t(kindKey), (channel.branchName as string | undefined) ?? channel.branch].filter(Boolean).join(' · ')}</span>
        </span>
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
  const loading = chat.loading.has(channelId);
  const first = timeline.messages[0]?.seq;
  const last = timeline.messages.at(-1)?.seq;

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

  useEffect(() => { atBottom.current = true; setComposerText(''); }, [channelId]);

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

  const error = chat.errors.get(channelId);
  return (
    <section class="messages-pane" aria-labelledby="channel-title">
      <header class="pane-header">
        <a href={paths.chat()} class="btn btn-ghost back-link" aria-label={t('app.back')}>‹</a>
        <h1 id="channel-title" class="pane-title">{channel?.name ?? ''}</h1>
        <StatusLine chat={chat} />
      </header>
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
          {timeline.messages.map((m) => <MessageItem key={m.seq} message={m} chat={chat} mine={m.authorId === session.user.id} />)}
          {timeline.pending.map((p) => <PendingItem key={p.clientMessageId} pending={p} onRetry={() => chat.retry(channelId, p.clientMessageId)} />)}
        </ol>
        </div>
      </div>
      <Composer
        text={composerText}
        setText={setComposerText}
        onSend={(text) => { atBottom.current = true; void chat.send(channelId, text); }}
        onHelper={() => setHelperOpen(true)}
      />
      {helperOpen && <FormatHelper onClose={() => setHelperOpen(false)} onInsert={(text) => { setComposerText(text); setHelperOpen(false); }} />}
    </section>
  );
}

/** Message text with @mentions set apart. */
function MessageText({ text }: { text: string }) {
  const parts = text.split(/(@[^\s@，,。:：;；]+)/g);
  return <p class="message-text">{parts.map((p, i) => (p.startsWith('@') ? <span key={i} class="mention">{p}</span> : p))}</p>;
}

function MessageItem({ message, chat, mine }: { message: ChatMessage; chat: ChatService; mine: boolean }) {
  const { session } = useApp();
  const mentioned = !mine && mentionsUser(message.mentions, session.user);
  const classes = ['message', mine && 'mine', message.important && 'important', mentioned && 'mentioned', message.card && 'has-card'].filter(Boolean).join(' ');
  return (
    <li class={classes} data-seq={message.seq}>
      <div class="message-head">
        <span class="author">{message.authorName}</span>
        <time class="muted small" dateTime={message.postedAt}>{formatTime(message.postedAt)}</time>
        {message.important && <span class="tag tag-important">{t('chat.important')}</span>}
        {mentioned && <span class="tag tag-mention">@ {t('chat.mentionsYou')}</span>}
      </div>
      {message.text && <MessageText text={message.text} />}
      {message.card && <CardView card={message.card} messageId={message.id} chat={chat} />}
    </li>
  );
}

function PendingItem({ pending, onRetry }: { pending: PendingMessage; onRetry: () => void }) {
  return (
    <li class={`message mine pending ${pending.state}`}>
      <MessageText text={pending.text} />
      {pending.state === 'sending'
        ? <span class="muted small">{t('chat.sending')}</span>
        : <button type="button" class="btn btn-small btn-danger" onClick={onRetry}>{t('chat.sendFailed')}</button>}
    </li>
  );
}

function Composer({ text, setText, onSend, onHelper }: { text: string; setText: (s: string) => void; onSend: (s: string) => void; onHelper: () => void }) {
  const { perms } = useApp();
  const input = useRef<HTMLTextAreaElement>(null);
  function submit(e?: Event) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    onSend(value);
    setText('');
    input.current?.focus();
  }
  return (
    <form class="composer" onSubmit={submit}>
      {perms.viewStock && (
        <button type="button" class="btn btn-ghost composer-tool" onClick={onHelper} title={t('chat.formatHelper')} aria-label={t('chat.formatHelper')}>[ ]</button>
      )}
      <label for="composer-input" class="visually-hidden">{t('chat.compose')}</label>
      <textarea
        id="composer-input"
        ref={input}
        rows={1}
        value={text}
        placeholder={t('chat.compose')}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition (pinyin) does not send.
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) submit(e);
        }}
      />
      <button type="submit" class="btn btn-primary" disabled={!text.trim()}>{t('chat.send')}</button>
    </form>
  );
}
