import { describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => new Map<string, (...args: unknown[]) => void>());

vi.mock('@microsoft/signalr', () => {
  const connection = {
    state: 'Disconnected',
    on: (name: string, fn: (...args: unknown[]) => void) => registered.set(name, fn),
    onreconnecting: () => {}, onreconnected: () => {}, onclose: () => {},
    start: async () => {}, stop: async () => {},
  };
  class HubConnectionBuilder {
    withUrl() { return this; }
    withAutomaticReconnect() { return this; }
    configureLogging() { return this; }
    build() { return connection; }
  }
  return { HubConnectionBuilder, HubConnectionState: { Disconnected: 'Disconnected' }, LogLevel: { Warning: 3 } };
});

const { ChatHub } = await import('./hub');

function hubCountingResumes() {
  registered.clear();
  const resumed = vi.fn();
  new ChatHub(async () => 't', {
    messagePosted: () => {}, messageUpdated: () => {}, readUpdated: () => {}, status: () => {}, resumed,
  });
  const send = (name: string, ...args: unknown[]) => registered.get(name)!(...args);
  return { resumed, send };
}

describe('the chat hub connection', () => {
  it('asks for a resync when the server says its pushes were lost, with the connection up all along', () => {
    const { resumed, send } = hubCountingResumes();
    send('ready', { channels: ['c1'] });
    send('resync', { at: '2026-12-03T13:40:00Z' });
    expect(resumed).toHaveBeenCalledTimes(1);
  });

  it('asks for a resync when its own connection is ready again, not on the first ready', () => {
    const { resumed, send } = hubCountingResumes();
    send('ready', { channels: ['c1'] });
    expect(resumed).not.toHaveBeenCalled();
    send('ready', { channels: ['c1'] });
    expect(resumed).toHaveBeenCalledTimes(1);
  });
});
