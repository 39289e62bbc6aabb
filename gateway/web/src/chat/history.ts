import { t } from '../i18n';

/** One text a message had (GET …/messages/{id}/history): version 1 is what was posted, the last is the current text. */
export interface MessageVersion {
  version: number;
  text: string;
  at: string;
  editorId: string;
  editorName: string;
  current: boolean;
}

/** Every version of a message, oldest first; a withdrawn message's history is withheld (no versions). */
export interface MessageHistory {
  channelId: string;
  messageId: string;
  seq: number;
  withdrawn: boolean;
  versions: MessageVersion[];
}

/** The rows the 已编辑 panel lists, newest first: 当前 / 第 N 次编辑 / 原文, who wrote it, and the text. */
export function historyRows(h: Pick<MessageHistory, 'withdrawn' | 'versions'>): Array<{ label: string; at: string; by: string; text: string }> {
  if (h.withdrawn) return [];
  return [...(h.versions ?? [])]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      label: v.current ? t('chat.history.current') : v.version === 1 ? t('chat.history.original') : t('chat.history.edit', { n: v.version - 1 }),
      at: v.at,
      by: v.editorName || v.editorId,
      text: v.text,
    }));
}
