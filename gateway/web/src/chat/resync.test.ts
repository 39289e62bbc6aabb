import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HubHandlers } from './hub';
import type { ChatMessage } from './model';

// The server as this client sees it: the channel list and each channel's messages; the hub is captured, not connected.
const server = vi.hoisted(() => ({
  channels: [] as Record<string, unknown>[],
  messages: new Map<string, ChatMessage[]>(),
  reads: [] as { channelId: string; after: number }[],
  /** Runs once after a page is read, before it is answered (something happens while the page is on its way). */
  afterRead: undefined as undefined | (() => void),
  hub: undefined as HubHandlers | undefined,
}));

vi.mock('../api/services', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api/services')>()),
  chat: {
    GET: async (path: string, init?: { params?: { path?: { channelId?: string }; query?: { after?: number; limit?: number } } }) => {
      const answer = (data: unknown) => ({ data, response: { ok: true, status: 200 } });
      if (path === '/api/chat/channels') return answer(server.channels.map((c) => ({ ...c })));
      if (path !== '/api/chat/channels/{channelId}/messages') throw new Error(`unexpected GET ${path}`);
      const channelId = init?.params?.path?.channelId ?? '';
      const after = Number(init?.params?.query?.after ?? 0);
      const limit = Number(init?.params?.query?.limit ?? 50);
      server.reads.push({ channelId, after });
      const page = (server.messages.get(channelId) ?? []).filter((x) => x.seq > after).slice(0, limit);
      await Promise.resolve();
      const hook = server.afterRead;
      server.afterRead = undefined;
      hook?.();
      return answer(page);
    },
  },
}));
vi.mock('../api/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api/client')>()),
  post: async () => undefined,
}));
vi.mock('../session/store', () => ({ freshToken: async () => 'token' }));
vi.mock('./hub', () => ({
  ChatHub: class {
    constructor(_token: unknown, handlers: HubHandlers) { server.hub = handlers; }
    async start() {}
    async stop() {}
  },
}));

const { ChatService } = await import('./chatService');

const me = { id: 'u-me', name: '店长', roles: ['owner'], branches: [] };
const session = { accessToken: 't', expiresAt: '', refreshToken: 'r', refreshExpiresAt: '', chain: 'chain-1', user: me };
const perms = { isSupplier: false } as never;

const msg = (channelId: string, seq: number): ChatMessage => ({
  channelId, seq, id: `${channelId}-m${seq}`, authorId: 'u-clerk', authorName: '小李', text: `${channelId} 消息 ${seq}`,
  mentions: [], important: false, postedAt: `2026-12-03T08:00:${String(seq % 60).padStart(2, '0')}Z`,
});
const post = (channelId: string, ...seqs: number[]) =>
  server.messages.set(channelId, [...(server.messages.get(channelId) ?? []), ...seqs.map((s) => msg(channelId, s))]);
const list = (channelId: string, lastSeq: number, unread = 0) => ({ id: channelId, name: channelId, kind: 'branch', lastSeq, unread });
const seqsOf = (chat: InstanceType<typeof ChatService>, channelId: string) => chat.timeline(channelId).messages.map((m) => m.seq);

async function chatWithOpenChannel() {
  const chat = new ChatService(session as never, perms);
  await chat.loadChannels();
  await chat.open('c1');
  return chat;
}

beforeEach(() => {
  // The read receipt timer reads the page's visibility: a hidden page sends none.
  (globalThis as { document?: unknown }).document = { visibilityState: 'hidden' };
  server.channels = [list('c1', 3), list('c2', 0)];
  server.messages = new Map();
  server.reads = [];
  server.afterRead = undefined;
  post('c1', 1, 2, 3);
});

describe('resync after lost live pushes', () => {
  it('fetches the open channel’s messages after the last seq it shows when the hub says resync', async () => {
    const chat = await chatWithOpenChannel();
    expect(seqsOf(chat, 'c1')).toEqual([1, 2, 3]);

    // Posted while the server's broker connection was down: no push reached this client.
    post('c1', 4, 5, 6);
    server.reads = [];
    await chat.resync();

    expect(seqsOf(chat, 'c1')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.reads[0]).toEqual({ channelId: 'c1', after: 3 });
  });

  it('shows a message once when its push arrived before the resync fetched it too', async () => {
    const chat = await chatWithOpenChannel();
    post('c1', 4, 5);
    server.hub!.messagePosted(msg('c1', 4));
    await chat.resync();
    server.hub!.messagePosted(msg('c1', 5));

    expect(seqsOf(chat, 'c1')).toEqual([1, 2, 3, 4, 5]);
    expect(chat.timeline('c1').messages.map((m) => m.id)).toEqual(['c1-m1', 'c1-m2', 'c1-m3', 'c1-m4', 'c1-m5']);
  });

  it('takes the channel list’s unread counts from the server, without counting the fetched messages again', async () => {
    const chat = await chatWithOpenChannel();
    post('c1', 4);
    post('c2', 1, 2);
    server.channels = [list('c1', 4), list('c2', 2, 2)];
    await chat.resync();

    expect(chat.channels.find((c) => c.id === 'c2')?.unread).toBe(2);
    expect(chat.channels.find((c) => c.id === 'c1')?.unread).toBe(0);
  });

  it('reads again when told to resync while a catch-up was already reading', async () => {
    const chat = await chatWithOpenChannel();
    post('c1', 4, 5);
    // A live message after a hole starts a catch-up. Its page is read; then message 6 is posted while the server's broker
    // connection is down (no push), and the hub says resync while that page is still on its way.
    server.afterRead = () => {
      post('c1', 6);
      server.hub!.resumed();
    };
    server.hub!.messagePosted(msg('c1', 5));
    await vi.waitFor(() => expect(seqsOf(chat, 'c1')).toEqual([1, 2, 3, 4, 5, 6]));
  });

  it('marks the other loaded channels stale, to be caught up when next opened', async () => {
    const chat = await chatWithOpenChannel();
    post('c2', 1);
    await chat.open('c2');
    await chat.open('c1');
    post('c2', 2, 3);
    await chat.resync();
    expect(seqsOf(chat, 'c2')).toEqual([1]);

    await chat.open('c2');
    expect(seqsOf(chat, 'c2')).toEqual([1, 2, 3]);
  });
});
