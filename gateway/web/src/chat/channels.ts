import { mentionsUser } from '../session/permissions';
import type { User } from '../session/session';
import { NOTIFICATION_LEVELS, type Channel, type ChatMessage, type NotificationLevel } from './model';

/**
 * The channels a user should see: a supplier contact only order and price channels. The server lists only the channels
 * one is a member of, so those are their own supplier's.
 */
export function visibleChannels(channels: readonly Channel[], isSupplier: boolean): Channel[] {
  if (!isSupplier) return [...channels];
  return channels.filter((c) => c.kind === 'supplier' || c.kind === 'prices');
}

/** Counts a live message into the channel list: unread and mention badges for channels not on screen. */
export function countIncoming(channels: readonly Channel[], message: ChatMessage, openChannelId: string | undefined, user: User): Channel[] {
  return channels.map((c) => {
    if (c.id !== message.channelId) return c;
    const lastSeq = Math.max(c.lastSeq ?? 0, message.seq);
    if (lastSeq === c.lastSeq) return c; // already counted (a repeat delivery)
    const mine = message.authorId === user.id;
    const onScreen = c.id === openChannelId;
    return {
      ...c,
      lastSeq,
      unread: mine || onScreen ? c.unread ?? 0 : (c.unread ?? 0) + 1,
      mentions: !mine && !onScreen && mentionsUser(message.mentions, user) ? (c.mentions ?? 0) + 1 : c.mentions ?? 0,
    };
  });
}

/** Where "new since you last read" starts in a channel with unread messages (its last-read seq + 1), else undefined. */
export function firstUnreadSeq(c: Pick<Channel, 'unread' | 'lastSeq'> | undefined): number | undefined {
  if (!c?.unread || !c.lastSeq || c.unread <= 0) return undefined;
  return Math.max(1, c.lastSeq - c.unread + 1);
}

export function markChannelRead(channels: readonly Channel[], channelId: string): Channel[] {
  return channels.map((c) => (c.id === channelId && (c.unread || c.mentions) ? { ...c, unread: 0, mentions: 0 } : c));
}

/** Channels with something unread first (mentions before plain unread), then by name as the server sent them. */
export function sortChannels(channels: readonly Channel[]): Channel[] {
  const rank = (c: Channel) => ((c.mentions ?? 0) > 0 ? 0 : (c.unread ?? 0) > 0 ? 1 : 2);
  return channels.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}

/** The server sends the level as a name (`all`) or, from an older build, the enum's number. */
export function notificationLevel(value: unknown): NotificationLevel {
  if (typeof value === 'number') return NOTIFICATION_LEVELS[value] ?? 'all';
  const v = String(value ?? '').toLowerCase();
  return (NOTIFICATION_LEVELS as readonly string[]).includes(v) ? (v as NotificationLevel) : 'all';
}

export function setNotificationLevel(channels: readonly Channel[], channelId: string, level: NotificationLevel): Channel[] {
  return channels.map((c) => (c.id === channelId ? { ...c, notifications: level } : c));
}
