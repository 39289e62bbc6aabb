import { t } from '../i18n';

/** The server's answer for one's own message (GET …/messages/{id}/readers). */
export interface MessageReaders {
  channelId: string;
  messageId: string;
  seq: number;
  readBy: Array<{ userId: string; name: string }>;
  notYet: Array<{ userId: string; name: string }>;
}

/** "全部已读", "2 人未读" or "无人已读" and the names, as the button and the line under it show them. */
export function readersSummary(r: Pick<MessageReaders, 'readBy' | 'notYet'>): { label: string; read: string[]; notYet: string[] } {
  const read = (r.readBy ?? []).map((x) => x.name || x.userId);
  const notYet = (r.notYet ?? []).map((x) => x.name || x.userId);
  const label = notYet.length === 0 ? t('chat.readers.all')
    : read.length === 0 ? t('chat.readers.none')
      : t('chat.readers.some', { count: notYet.length });
  return { label, read, notYet };
}
