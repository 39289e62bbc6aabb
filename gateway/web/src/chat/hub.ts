import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { ChatMessage, MessageUpdate } from './model';

/** The hub's `notification`: a message that should reach this user at their level for the channel. */
export interface HubNotification {
  channelId: string;
  channelName?: string;
  seq: number;
  messageId?: string;
  authorName?: string;
  text?: string;
  important?: boolean;
  reason?: 'important' | 'mention' | 'alert' | 'message' | string;
}

export type HubStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface HubHandlers {
  messagePosted: (m: ChatMessage) => void;
  messageUpdated: (m: MessageUpdate) => void;
  notification?: (n: HubNotification) => void;
  readUpdated: (r: { channelId: string; seq?: number; userId?: string; unread?: number }) => void;
  /**
   * Pushes may have been missed: live again after a drop (the hub's `ready`, sent once its groups are joined), or the hub's
   * `resync` (the server's own broker connection was lost while this one stayed up). Whatever was sent meanwhile must be fetched.
   */
  resumed: () => void;
  status: (s: HubStatus) => void;
}

// Retry quickly first, then every 30 s for as long as the page is open.
const RETRY_MS = [0, 2000, 5000, 10000, 30000];
const retryDelay = (attempt: number) => RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];

/** The server may send the payload alone or after the channel id; take the first object argument. */
function payload<T>(args: unknown[]): T | undefined {
  return args.find((a) => a && typeof a === 'object') as T | undefined;
}

/**
 * The chat hub connection (`/hubs/chat`, token as `?access_token=` on the WebSocket). Reconnects by itself forever:
 * SignalR's automatic reconnect first, then our own restart loop once that gives up.
 */
export class ChatHub {
  private connection: HubConnection;
  private stopped = false;
  private restartTimer?: ReturnType<typeof setTimeout>;
  private attempts = 0;
  private wasReady = false;

  /**
   * `token` answers a fresh access token (refreshed first when about to expire): the hub closes a connection when its
   * token expires, and the restart below connects again with the fresh one.
   */
  constructor(token: () => Promise<string | undefined>, private handlers: HubHandlers) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/chat', { accessTokenFactory: async () => (await token()) ?? '' })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => (ctx.previousRetryCount < 8 ? retryDelay(ctx.previousRetryCount) : null) })
      .configureLogging(LogLevel.Warning)
      .build();
    const on = (name: string, fn: (...args: unknown[]) => void) => this.connection.on(name, fn);
    on('messagePosted', (...a) => { const m = payload<ChatMessage>(a); if (m) handlers.messagePosted(m); });
    on('messageUpdated', (...a) => { const m = payload<MessageUpdate>(a); if (m) handlers.messageUpdated(m); });
    on('notification', (...a) => { const n = payload<HubNotification>(a); if (n) handlers.notification?.(n); });
    on('readUpdated', (...a) => { const r = payload<{ channelId: string }>(a); if (r) handlers.readUpdated(r); });
    // `ready` comes on every (re)connect once the server has joined this connection to its groups: only from then on is
    // live delivery certain, so that is when a resumed connection fetches what it missed (not at the handshake).
    on('ready', () => {
      if (this.wasReady) handlers.resumed();
      this.wasReady = true;
    });
    on('resync', () => handlers.resumed());
    this.connection.onreconnecting(() => handlers.status('reconnecting'));
    this.connection.onreconnected(() => handlers.status('connected'));
    this.connection.onclose(() => {
      if (this.stopped) return;
      handlers.status('disconnected');
      this.scheduleRestart();
    });
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
  }

  private onOnline = () => {
    if (this.connection.state === HubConnectionState.Disconnected && !this.stopped) {
      clearTimeout(this.restartTimer);
      this.attempts = 0;
      void this.start(true);
    }
  };

  async start(resume = false): Promise<void> {
    if (this.stopped || this.connection.state !== HubConnectionState.Disconnected) return;
    this.handlers.status(resume ? 'reconnecting' : 'connecting');
    try {
      await this.connection.start();
      this.attempts = 0;
      this.handlers.status('connected');
    } catch {
      if (this.stopped) return;
      this.handlers.status('disconnected');
      this.scheduleRestart();
    }
  }

  private scheduleRestart() {
    clearTimeout(this.restartTimer);
    const delay = Math.max(1000, retryDelay(++this.attempts));
    this.restartTimer = setTimeout(() => void this.start(true), delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    await this.connection.stop();
  }
}
