import type { ChatSchema } from '../api/services';
/** A bot card's button. `style: 'primary'` is the suggested action. */
export interface CardAction {
  id: string;
  label: string;
  style?: string;
  disabled?: boolean;
}

/** A bot card attached to a message: title, facts, buttons. Tolerant of the shapes the bot may send. */
export interface Card {
  kind?: string;
  title?: string;
  text?: string;
  body?: string;
  fields?: Array<{ label: string; value: string | number }> | Record<string, string | number>;
  actions?: CardAction[];
  buttons?: CardAction[];
  status?: string;
  resolved?: boolean;
  resolvedBy?: string | null;
  resolution?: string | null;
  purchaseOrderId?: string | null;
  sku?: string | null;
  branch?: string | null;
  /** The transfer between branches a 调拨 card is about: the card links to the transfer screen (partial receipts). */
  transferId?: string | null;
  /** Messages the card cites (a discrepancy card: the order card and the supplier's confirmation). */
  links?: CardLink[] | null;
  /** The card's picture (a report's chart): the id of one of the message's attachments. */
  imageId?: string | null;
}

/** A message a card cites: open its channel at its seq. */
export interface CardLink {
  kind: string;
  label: string;
  channelId: string;
  messageId: string;
  seq: number;
  by?: string | null;
  at?: string;
}

export interface ChatMessage {
  channelId: string;
  seq: number;
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  mentions?: string[];
  important?: boolean;
  postedAt: string;
  card?: Card | null;
  clientMessageId?: string;
  /** The id of the message this one answers (same channel). */
  replyTo?: string | null;
  /** Set when the author edited (or withdrew) the message. */
  editedAt?: string | null;
  /** How many times the text was edited, as the server's pages say (a live edit only moves editedAt; 已编辑 asks the server for the versions). */
  edits?: number;
  /** When this client last applied a `messageUpdated` (edit, withdrawal or card change), to ignore older ones. */
  changedAt?: string;
  /** Withdrawn by its author: text and attachments are gone. */
  deleted?: boolean;
  attachments?: Attachment[];
  /** Bumped by `messageUpdated` (card resolved, edit). */
  version?: number;
  updatedAt?: string;
}

/** A file posted with a message; its bytes at `GET /api/chat/attachments/{id}` (bearer token). */
export interface Attachment {
  id: string;
  contentType: string;
  size: number;
  fileName?: string;
  /** The server made a small JPEG of this image (`GET /api/chat/attachments/{id}/thumbnail`). */
  hasThumbnail?: boolean;
}

/** The hub's `messageUpdated`: what changed in the message with this seq. */
export interface MessageUpdate {
  channelId: string;
  seq: number;
  id?: string;
  text?: string;
  mentions?: string[];
  editedAt?: string;
  updatedAt?: string;
  deleted?: boolean;
  card?: Card | null;
}

export type NotificationLevel = 'all' | 'mentions' | 'alerts' | 'none';
export const NOTIFICATION_LEVELS: readonly NotificationLevel[] = ['all', 'mentions', 'alerts', 'none'];

/** A channel in the user's list (`GET /api/chat/channels`). */
export type Channel = ChatSchema<'ChannelSummary'>;
