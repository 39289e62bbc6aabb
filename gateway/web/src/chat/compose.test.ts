import { describe, expect, it } from 'vitest';
import {
  applyMention, applyUpdate, canEdit, checkAttachment, formatSize, matchMentions, mentionQuery, peopleFromMessages, quoteText, replyIndex,
} from './compose';
import type { ChatMessage } from './model';
import { emptyTimeline, mergeMessages } from './timeline';
import { notificationLevel } from './channels';

const msg = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  channelId: 'c', seq, id: `m${seq}`, authorId: 'u1', authorName: '张店长', text: `t${seq}`, postedAt: '2026-11-25T01:00:00Z', ...extra,
});

describe('mention autocomplete', () => {
  it('finds the @word before the caret', () => {
    expect(mentionQuery('你好 @张', 5)).toEqual({ start: 3, query: '张' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('[晨光]@店', 6)).toEqual({ start: 4, query: '店' });
  });
  it('ignores finished mentions, e-mail addresses and text after the caret', () => {
    expect(mentionQuery('@张店长 好的', 7)).toBeUndefined();
    expect(mentionQuery('mail a@b', 8)).toBeUndefined();
    expect(mentionQuery('no at here', 10)).toBeUndefined();
    expect(mentionQuery('@张 ok', 1)).toEqual({ start: 0, query: '' });
  });
  it('matches prefixes first, people before roles, roles by their English name too', () => {
    const people = ['店长小王', '李店员', 'Alice'];
    expect(matchMentions('店', people).map((c) => c.name)).toEqual(['店长小王', '店主', '店长', '店员', '李店员']);
    expect(matchMentions('al', people).map((c) => c.name)).toEqual(['Alice']);
    expect(matchMentions('man', people).map((c) => c.name)).toEqual(['店长']);
    expect(matchMentions('所有', []).map((c) => c.kind)).toEqual(['role']);
    expect(matchMentions('', people, 4)).toHaveLength(4);
    expect(matchMentions('zzz', people)).toEqual([]);
  });
  it('inserts the picked name with a trailing space and moves the caret', () => {
    expect(applyMention('请 @张 看看', 2, 4, '张店长')).toEqual({ text: '请 @张店长 看看', caret: 7 });
    expect(applyMention('@', 0, 1, '所有人')).toEqual({ text: '@所有人 ', caret: 5 });
  });
  it('takes people from message authors, newest first, without me, the bot or duplicates', () => {
    const ms = [msg(1, { authorId: 'a', authorName: '甲' }), msg(2, { authorId: 'me', authorName: '我' }), msg(3, { authorId: 'bot', authorName: '库存助手' }),
      msg(4, { authorId: 'b', authorName: '乙' }), msg(5, { authorId: 'a', authorName: '甲' })];
    expect(peopleFromMessages(ms, 'me')).toEqual(['甲', '乙']);
  });
});

describe('replies', () => {
  it('quotes the first line, shortened', () => {
    expect(quoteText(msg(1, { text: '第一行\n第二行' }))).toEqual({ kind: 'text', text: '第一行' });
    expect(quoteText(msg(1, { text: '一二三四五六' }), 4)).toEqual({ kind: 'text', text: '一二三…' });
  });
  it('names withdrawn, missing and picture-only parents', () => {
    expect(quoteText(msg(1, { deleted: true })).kind).toBe('deleted');
    expect(quoteText(undefined).kind).toBe('missing');
    expect(quoteText(msg(1, { text: '', attachments: [{ id: 'a', contentType: 'image/png', size: 3, fileName: 'a.png' }] }))).toEqual({ kind: 'attachment', text: 'a.png' });
  });
  it('counts replies per parent, ignoring withdrawn ones', () => {
    const idx = replyIndex([msg(1), msg(2, { replyTo: 'm1' }), msg(3, { replyTo: 'm1' }), msg(4, { replyTo: 'm1', deleted: true }), msg(5, { replyTo: 'm2' })]);
    expect(idx.get('m1')).toEqual({ count: 2, lastSeq: 3 });
    expect(idx.get('m2')).toEqual({ count: 1, lastSeq: 5 });
    expect(idx.has('m3')).toBe(false);
  });
});

describe('attachments before upload', () => {
  const file = (name: string, type: string, size = 1000) => ({ name, type, size });
  it('accepts images and PDFs up to 10 MB', () => {
    expect(checkAttachment(file('a.png', 'image/png'))).toBeUndefined();
    expect(checkAttachment(file('scan.pdf', 'application/pdf', 10 * 1024 * 1024))).toBeUndefined();
    expect(checkAttachment(file('IMG.JPG', ''))).toBeUndefined();
  });
  it('refuses other types, empty and oversized files, and an eleventh file', () => {
    expect(checkAttachment(file('a.exe', 'application/x-msdownload'))).toBe('type');
    expect(checkAttachment(file('a.svg', 'image/svg+xml'))).toBe('type');
    expect(checkAttachment(file('notes.txt', ''))).toBe('type');
    expect(checkAttachment(file('a.png', 'image/png', 0))).toBe('empty');
    expect(checkAttachment(file('a.png', 'image/png', 10 * 1024 * 1024 + 1))).toBe('size');
    expect(checkAttachment(file('a.png', 'image/png'), 10)).toBe('count');
  });
  it('formats sizes', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(340 * 1024)).toBe('340 KB');
    expect(formatSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});

describe('edits and withdrawals', () => {
  const t = mergeMessages(emptyTimeline(), [msg(1), msg(2, { attachments: [{ id: 'a', contentType: 'image/png', size: 1 }] })]);
  it('applies an edit to the loaded message, keeping author and time', () => {
    const next = applyUpdate(t, { channelId: 'c', seq: 1, text: '改过了', editedAt: '2026-11-25T02:00:00Z' });
    expect(next.messages[0]).toMatchObject({ text: '改过了', authorName: '张店长', editedAt: '2026-11-25T02:00:00Z', id: 'm1' });
  });
  it('clears text and attachments of a withdrawn message', () => {
    const next = applyUpdate(t, { channelId: 'c', seq: 2, text: '', deleted: true, editedAt: '2026-11-25T02:00:00Z' });
    expect(next.messages[1]).toMatchObject({ deleted: true, text: '', attachments: [] });
  });
  it('ignores updates for messages not loaded and older edits', () => {
    expect(applyUpdate(t, { channelId: 'c', seq: 9, text: 'x' })).toBe(t);
    const edited = applyUpdate(t, { channelId: 'c', seq: 1, text: 'new', editedAt: '2026-11-25T03:00:00Z' });
    expect(applyUpdate(edited, { channelId: 'c', seq: 1, text: 'old', editedAt: '2026-11-25T02:00:00Z' }).messages[0].text).toBe('new');
  });
  it('does not mark a message edited when only its card changed', () => {
    const withCard = mergeMessages(emptyTimeline(), [msg(1, { authorId: 'bot', card: { title: '低库存', status: 'open' } })]);
    const next = applyUpdate(withCard, { channelId: 'c', seq: 1, text: 't1', editedAt: '2026-11-25T02:00:00Z', deleted: false, card: { title: '低库存', status: 'done' } });
    expect(next.messages[0].card).toEqual({ title: '低库存', status: 'done' });
    expect(next.messages[0].editedAt).toBeUndefined();
    expect(applyUpdate(next, { channelId: 'c', seq: 1, text: 't1', editedAt: '2026-11-25T01:30:00Z', card: { title: '低库存', status: 'open' } })).toBe(next);
  });
  it('lets authors edit their own plain messages only', () => {
    expect(canEdit(msg(1), 'u1')).toBe(true);
    expect(canEdit(msg(1), 'u2')).toBe(false);
    expect(canEdit(msg(1, { deleted: true }), 'u1')).toBe(false);
    expect(canEdit(msg(1, { card: { title: 'x' } }), 'u1')).toBe(false);
  });
});

describe('notification levels', () => {
  it('reads names and enum numbers, defaulting to all', () => {
    expect(notificationLevel('mentions')).toBe('mentions');
    expect(notificationLevel('None')).toBe('none');
    expect(notificationLevel(2)).toBe('alerts');
    expect(notificationLevel(undefined)).toBe('all');
    expect(notificationLevel('loud')).toBe('all');
  });
});
