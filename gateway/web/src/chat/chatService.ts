import { useEffect, useState } from 'preact/hooks';
import { del, newId, post, put } from '../api/client';
import { chat, ok } from '../api/services';
import type { Permissions } from '../session/permissions';
import type { Session } from '../session/session';
import { freshToken } from '../session/store';
import { countIncoming, firstUnreadSeq, markChannelRead, setNotificationLevel, visibleChannels } from './channels';
import { applyUpdate } from './compose';
import { ChatHub, type HubNotification, type HubStatus } from './hub';
import type { Attachment, Channel, ChatMessage, MessageUpdate, NotificationLevel } from './model';
import {
  addPending, dropPending, emptyTimeline, fillGaps, initialPage, lastSeq, markReachedStart, mergeMessages, olderPage, opensGap,
  setPendingState, type Timeline,
} from './timeline';

export const PAGE_SIZE = 50;

/** A message from the wire: numbers as numbers, a card sent as a JSON string parsed. */
export function normalizeMessage(raw: ChatMessage): ChatMessage {
  let card = raw.card;
  if (typeof card === 'string') {
    try { card = JSON.parse(card); } catch { card = null; }
  }
  return {
    ...raw, seq: Number(raw.seq), channelId: String(raw.channelId), card, mentions: raw.mentions ?? [],
    replyTo: raw.replyTo ? String(raw.replyTo) : null, attachments: Array.isArray(raw.attachments) ? raw.attachments : [],
  };
}

/** What the composer sends: words, the message answered, uploaded files. */
export interface Draft {
  text: string;
  replyTo?: string;
  attachments?: Attachment[];
}

/**
 * Chat state for the signed-in user, alive while they are signed in (switching to the stock screen and back keeps
 * channels, loaded history and the hub connection). Pure merging lives in timeline.ts and channels.ts.
 */
export class ChatService {
  channels: Channel[] = [];
  channelsLoaded = false;
  channelsError: unknown;
  status: HubStatus = 'connecting';
  timelines = new Map<string, Timeline>();
  loading = new Set<string>();
  errors = new Map<string, unknown>();
  /** Channels whose timeline may have missed messages while the hub was down; refilled when opened. */
  private stale = new Set<string>();
  private openChannelId?: string;
  /** Per channel, the first message that was unread when it was last opened: the "new messages" line goes above it. */
  private unreadFrom = new Map<string, number>();
  private readSent = new Map<string, number>();
  private readTimer?: ReturnType<typeof setTimeout>;
  private listeners = new Set<() => void>();
  private hub: ChatHub;
  private filling = new Map<string, Promise<void>>();
  /** Channels told to resync while a catch-up was already reading: that run may have read too early, so one more follows. */
  private again = new Set<string>();

  constructor(private session: Session, private perms: Permissions) {
    this.hub = new ChatHub(freshToken, {
      messagePosted: (m) => this.onPosted(normalizeMessage(m)),
      messageUpdated: (m) => this.onUpdate(m),
      notification: (n) => this.onNotification(n),
      readUpdated: (r) => this.onRead(r),
      resumed: () => void this.resync(),
      status: (s) => { this.status = s; this.emit(); },
    });
  }

  /** A refreshed token for the same user: the hub's token factory and the API calls read it from here. */
  useSession(session: Session, perms: Permissions) {
    this.session = session;
    this.perms = perms;
  }

  start() {
    void this.hub.start();
    void this.loadChannels();
  }

  stop() {
    clearTimeout(this.readTimer);
    void this.hub.stop();
  }

  subscribe(fn: () => void) {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  private emit() {
    this.listeners.forEach((l) => l());
  }

  /** The seq the "new messages" line sits above, for the channel as it was when opened (undefined: nothing was new). */
  firstUnread(channelId: string): number | undefined {
    return this.unreadFrom.get(channelId);
  }

  timeline(channelId: string): Timeline {
    return this.timelines.get(channelId) ?? emptyTimeline();
  }

  private setTimeline(channelId: string, t: Timeline) {
    this.timelines.set(channelId, t);
    this.emit();
  }

  async loadChannels() {
    try {
      const channels = await ok(chat.GET('/api/chat/channels'));
      this.channels = visibleChannels(channels, this.perms.isSupplier);
      this.channelsError = undefined;
      if (this.openChannelId) this.channels = markChannelRead(this.channels, this.openChannelId);
    } catch (e) {
      this.channelsError = e;
    }
    this.channelsLoaded = true;
    this.emit();
  }

  private fetchPage = (channelId: string) => async (after: number, limit: number) => {
    // The server's MessageDto, checked at build time to fit what the timeline keeps (a message without files has none).
    const page = await ok(chat.GET('/api/chat/channels/{channelId}/messages', { params: { path: { channelId }, query: { after, limit } } }));
    return page.map((m): ChatMessage => ({ ...m, attachments: m.attachments ?? [] }));
  };

  /** Opens a channel: its newest page the first time, only what is new after that. */
  async open(channelId: string | undefined) {
    this.openChannelId = channelId;
    if (!channelId) return;
    const from = firstUnreadSeq(this.channels.find((c) => c.id === channelId));
    if (from !== undefined) this.unreadFrom.set(channelId, from);
    else this.unreadFrom.delete(channelId);
    this.channels = markChannelRead(this.channels, channelId);
    this.emit();
    if (!this.timelines.has(channelId)) {
      this.loading.add(channelId);
      this.errors.delete(channelId);
      this.emit();
      try {
        const channel = this.channels.find((c) => c.id === channelId);
        const first = initialPage(channel?.lastSeq, PAGE_SIZE);
        const page = await this.fetchPage(channelId)(first.after, first.limit);
        let t = mergeMessages(emptyTimeline(), page);
        if (first.after === 0) t = markReachedStart(t);
        this.setTimeline(channelId, t);
        await this.catchUp(channelId, page.length === first.limit);
      } catch (e) {
        this.errors.set(channelId, e);
      } finally {
        this.loading.delete(channelId);
        this.emit();
      }
    } else if (this.stale.has(channelId)) {
      await this.catchUp(channelId, true);
    }
    this.scheduleRead();
  }

  /**
   * Fills gaps and reads anything newer; concurrent calls for one channel share one run. `fresh`: what is missing may have
   * been posted after a running catch-up read its pages (a resync), so another run follows it.
   */
  private catchUp(channelId: string, needed = true, fresh = false): Promise<void> {
    if (!needed) return Promise.resolve();
    const running = this.filling.get(channelId);
    if (running) {
      if (!fresh) return running;
      this.again.add(channelId);
      return running.then(() => this.filling.get(channelId));
    }
    const run = (async () => {
      try {
        const filled = await fillGaps(this.timeline(channelId), this.fetchPage(channelId), PAGE_SIZE);
        // Merge rather than replace: live messages may have arrived while pages were loading.
        this.setTimeline(channelId, mergeMessages(this.timeline(channelId), filled.messages));
        this.stale.delete(channelId);
        this.errors.delete(channelId);
      } catch (e) {
        this.stale.add(channelId);
        this.errors.set(channelId, e);
        this.emit();
      } finally {
        this.filling.delete(channelId);
        if (this.again.delete(channelId)) void this.catchUp(channelId);
      }
    })();
    this.filling.set(channelId, run);
    return run;
  }

  async loadOlder(channelId: string) {
    const t = this.timeline(channelId);
    const request = olderPage(t, PAGE_SIZE);
    if (!request || this.loading.has(channelId)) return;
    this.loading.add(channelId);
    this.emit();
    try {
      const page = await this.fetchPage(channelId)(request.after, request.limit);
      let next = mergeMessages(this.timeline(channelId), page);
      if (request.after === 0) next = markReachedStart(next);
      this.setTimeline(channelId, next);
    } catch (e) {
      this.errors.set(channelId, e);
    } finally {
      this.loading.delete(channelId);
      this.emit();
    }
  }

  async send(channelId: string, draft: Draft | string, clientMessageId = newId()) {
    const { text, replyTo, attachments } = typeof draft === 'string' ? { text: draft } as Draft : draft;
    const pending = { clientMessageId, text, replyTo, attachments, postedAt: new Date().toISOString(), state: 'sending' as const };
    this.setTimeline(channelId, addPending(this.timeline(channelId), pending));
    try {
      const body: Record<string, unknown> = { clientMessageId, text };
      if (replyTo) body.replyTo = replyTo;
      if (attachments?.length) body.attachmentIds = attachments.map((a) => a.id);
      const created = await post<ChatMessage | undefined>(`/api/chat/channels/${encodeURIComponent(channelId)}/messages`, body);
      if (created && Number.isFinite(Number(created.seq))) {
        const postedIn = created.channelId ?? channelId;
        // Price talk in a supplier's order channel is posted in its price channel (报价); the bot's note here says where.
        if (postedIn !== channelId) this.setTimeline(channelId, dropPending(this.timeline(channelId), clientMessageId));
        this.onPosted(normalizeMessage({ ...created, channelId: postedIn, clientMessageId }));
      }
    } catch {
      this.setTimeline(channelId, setPendingState(this.timeline(channelId), clientMessageId, 'failed'));
    }
  }

  retry(channelId: string, clientMessageId: string) {
    const p = this.timeline(channelId).pending.find((x) => x.clientMessageId === clientMessageId);
    if (p) void this.send(channelId, { text: p.text, replyTo: p.replyTo, attachments: p.attachments }, clientMessageId);
  }

  /** Edits one's own message; the answer (the edited message) is shown at once, the hub tells everyone else. */
  async edit(channelId: string, message: ChatMessage, text: string) {
    const updated = await put<ChatMessage | undefined>(
      `/api/chat/channels/${encodeURIComponent(channelId)}/messages/${encodeURIComponent(message.id)}`, { text });
    this.applyUpdate({ channelId, seq: message.seq, text: updated?.text ?? text, mentions: updated?.mentions, editedAt: updated?.editedAt ?? new Date().toISOString() });
  }

  /** Withdraws one's own message (撤回). */
  async withdraw(channelId: string, message: ChatMessage) {
    await del(`/api/chat/channels/${encodeURIComponent(channelId)}/messages/${encodeURIComponent(message.id)}`);
    this.applyUpdate({ channelId, seq: message.seq, deleted: true, text: '', editedAt: new Date().toISOString() });
  }

  /** Sets how much of a channel notifies me; shown at once, put back if the server refuses. */
  async setNotifications(channelId: string, level: NotificationLevel) {
    const before = this.channels.find((c) => c.id === channelId)?.notifications ?? 'all';
    this.channels = setNotificationLevel(this.channels, channelId, level);
    this.emit();
    try {
      await put(`/api/chat/channels/${encodeURIComponent(channelId)}/notifications`, { level });
    } catch (e) {
      this.channels = setNotificationLevel(this.channels, channelId, before);
      this.emit();
      throw e;
    }
  }

  private applyUpdate(u: MessageUpdate) {
    const t = this.timelines.get(u.channelId);
    if (t) this.setTimeline(u.channelId, applyUpdate(t, u));
  }

  private onUpdate(u: MessageUpdate) {
    this.applyUpdate({ ...u, channelId: String(u.channelId), seq: Number(u.seq) });
  }

  /** A message that should reach me: a system notification when the app is in the background and the user allowed it. */
  private onNotification(n: HubNotification) {
    if (typeof document === 'undefined' || document.visibilityState === 'visible') return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const note = new Notification(`${n.channelName ?? ''}${n.authorName ? ` · ${n.authorName}` : ''}`, { body: n.text ?? '', tag: `${n.channelId}:${n.seq}` });
      note.onclick = () => { window.focus(); location.assign(`/chat/${encodeURIComponent(n.channelId)}`); };
    } catch { /* some browsers only allow notifications from a service worker */ }
  }

  /** Presses a card's button; `body` carries what the button takes (确认订单: an agreed `expectedBy`). */
  async runAction(messageId: string, actionId: string, body?: { expectedBy?: string }): Promise<unknown> {
    const result = await post<unknown>(`/api/chat/messages/${encodeURIComponent(messageId)}/actions/${encodeURIComponent(actionId)}`, body);
    const updated = result as ChatMessage | undefined;
    if (updated && typeof updated === 'object' && 'seq' in updated && 'channelId' in updated) this.onUpdated(normalizeMessage(updated));
    return result;
  }

  /** Tells the server how far the open channel has been read, at most twice a second. */
  scheduleRead() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      const id = this.openChannelId;
      if (!id || document.visibilityState === 'hidden') return;
      const seq = lastSeq(this.timeline(id));
      if (seq <= (this.readSent.get(id) ?? 0)) return;
      this.readSent.set(id, seq);
      post(`/api/chat/channels/${encodeURIComponent(id)}/read`, { seq }).catch(() => this.readSent.delete(id));
    }, 500);
  }

  private onPosted(m: ChatMessage) {
    if (!this.channels.some((c) => c.id === m.channelId)) void this.loadChannels();
    this.channels = countIncoming(this.channels, m, this.openChannelId, this.session.user);
    const t = this.timelines.get(m.channelId);
    if (t) {
      const gap = opensGap(t, m);
      this.setTimeline(m.channelId, mergeMessages(t, [m]));
      if (gap) {
        if (m.channelId === this.openChannelId) void this.catchUp(m.channelId);
        else this.stale.add(m.channelId);
      }
    } else {
      this.emit();
    }
    if (m.channelId === this.openChannelId) this.scheduleRead();
  }

  private onUpdated(m: ChatMessage) {
    const t = this.timelines.get(m.channelId);
    if (t) this.setTimeline(m.channelId, mergeMessages(t, [m]));
  }

  private onRead(r: { channelId: string; userId?: string; unread?: number }) {
    if (r.userId && r.userId !== this.session.user.id) return;
    this.channels = this.channels.map((c) => (c.id === r.channelId ? { ...c, unread: r.unread ?? 0, mentions: r.unread ? c.mentions : 0 } : c));
    this.emit();
  }

  /**
   * After a reconnect or the hub's `resync`: fresh unread counts, the open channel caught up now (messages after the last
   * seq it shows, merged by seq so nothing shows twice), the others when next opened. Answers when both are done.
   */
  resync(): Promise<void> {
    for (const id of this.timelines.keys()) this.stale.add(id);
    const open = this.openChannelId;
    return Promise.all([
      this.loadChannels(),
      open && this.timelines.has(open) ? this.catchUp(open, true, true) : undefined,
    ]).then(() => undefined);
  }
}

let service: { user: string; chat: ChatService } | undefined;

/**
 * The chat service for this signed-in user, created on first use and stopped when they sign out. A refreshed token
 * (every ~28 min) is handed to the running service: the hub connection and loaded history stay.
 */
export function useChat(session: Session, perms: Permissions): ChatService {
  const user = `${session.chain}/${session.user.id}`;
  if (!service || service.user !== user) {
    service?.chat.stop();
    service = { user, chat: new ChatService(session, perms) };
    service.chat.start();
  } else {
    service.chat.useSession(session, perms);
  }
  const chat = service.chat;
  const [, tick] = useState(0);
  useEffect(() => chat.subscribe(() => tick((n) => n + 1)), [chat]);
  return chat;
}

export function stopChat() {
  service?.chat.stop();
  service = undefined;
}
