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
  resolvedBy?: string;
  resolution?: string;
  purchaseOrderId?: string;
  sku?: string;
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
  /** Bumped by `messageUpdated` (card resolved, edit). */
  version?: number;
  updatedAt?: string;
}

export interface Channel {
  id: string;
  name: string;
  kind?: string;
  branch?: string | null;
  unread?: number;
  mentions?: number;
  lastSeq?: number;
  supplierId?: string | null;
  purpose?: string;
  [more: string]: unknown;
}
