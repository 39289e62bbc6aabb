import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { newId, upload } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { describeError } from '../ui/components';
import type { Draft } from './chatService';
import {
  ATTACHMENT_TYPES, applyMention, checkAttachment, formatSize, matchMentions, mentionQuery, quoteText, type AttachmentProblem, type MentionCandidate,
} from './compose';
import type { Attachment, ChatMessage } from './model';

interface Picked {
  key: string;
  name: string;
  size: number;
  /** A local object URL for an image's preview (before and after upload). */
  preview?: string;
  state: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  error?: string;
}

const PROBLEM_KEYS: Record<AttachmentProblem, MessageKey> = {
  type: 'chat.attach.badType', size: 'chat.attach.tooLarge', empty: 'chat.attach.empty', count: 'chat.attach.tooMany',
};

export interface ComposerProps {
  channelId: string;
  text: string;
  setText: (s: string) => void;
  people: string[];
  replyTo?: ChatMessage;
  onCancelReply: () => void;
  editing?: ChatMessage;
  onCancelEdit: () => void;
  onSend: (draft: Draft) => void;
  onEdit: (text: string) => Promise<void>;
  onHelper: () => void;
}

/** The message box: replies, edits, files with previews, @mention suggestions, the house-format helper. */
export function Composer(props: ComposerProps) {
  const { text, setText, replyTo, editing } = props;
  const { perms } = useApp();
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<Picked[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [mention, setMention] = useState<{ start: number; query: string }>();
  const [active, setActive] = useState(0);
  const [editError, setEditError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const candidates = useMemo(() => (mention ? matchMentions(mention.query, props.people) : []), [mention, props.people]);
  const open = candidates.length > 0;

  // A new channel starts with an empty box; previews are released.
  useEffect(() => () => { setFiles((fs) => { fs.forEach((f) => f.preview && URL.revokeObjectURL(f.preview)); return []; }); }, [props.channelId]);
  useEffect(() => { if (editing || replyTo) input.current?.focus(); }, [editing, replyTo]);
  useEffect(() => { setEditError(undefined); }, [editing]);

  const uploading = files.some((f) => f.state === 'uploading');
  const ready = files.filter((f) => f.state === 'done' && f.attachment).map((f) => f.attachment!);
  const canSend = editing ? !!text.trim() && !saving : !uploading && (!!text.trim() || ready.length > 0);

  // Leaving the box closes the suggestions, a moment later so a tap on one still lands. The close is cancelled when the
  // box has focus again by then: tapping 回复 blurs it and the reply puts focus straight back, and a close left pending
  // from that blur used to shut the list the user had just opened by typing `@` (owner-reply.spec.ts).
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelClose = () => { clearTimeout(closeTimer.current); closeTimer.current = undefined; };
  function closeSoon() {
    cancelClose();
    closeTimer.current = setTimeout(() => {
      closeTimer.current = undefined;
      if (document.activeElement !== input.current) setMention(undefined);
    }, 150);
  }
  useEffect(() => cancelClose, []);

  function updateMention(el: HTMLTextAreaElement) {
    cancelClose();
    const q = mentionQuery(el.value, el.selectionStart ?? el.value.length);
    setMention(q);
    setActive(0);
  }

  function pick(c: MentionCandidate) {
    if (!mention) return;
    const el = input.current;
    const caret = el?.selectionStart ?? text.length;
    const next = applyMention(text, mention.start, caret, c.name);
    setText(next.text);
    setMention(undefined);
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(next.caret, next.caret); });
  }

  async function addFiles(list: FileList | null) {
    if (!list?.length) return;
    const found: string[] = [];
    let count = files.filter((f) => f.state !== 'failed').length;
    const accepted: Array<{ file: File; picked: Picked }> = [];
    for (const file of Array.from(list)) {
      const problem = checkAttachment(file, count);
      if (problem) { found.push(`${file.name}：${t(PROBLEM_KEYS[problem])}`); continue; }
      count++;
      const picked: Picked = {
        key: newId(), name: file.name, size: file.size, state: 'uploading',
        preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined,
      };
      accepted.push({ file, picked });
    }
    setProblems(found);
    if (fileInput.current) fileInput.current.value = '';
    setFiles((fs) => [...fs, ...accepted.map((a) => a.picked)]);
    await Promise.all(accepted.map(async ({ file, picked }) => {
      try {
        const result = await upload<Attachment>('/api/chat/attachments', file, file.name);
        const attachment = { ...result, fileName: result.fileName ?? file.name };
        setFiles((fs) => fs.map((f) => (f.key === picked.key ? { ...f, state: 'done', attachment } : f)));
      } catch (e) {
        setFiles((fs) => fs.map((f) => (f.key === picked.key ? { ...f, state: 'failed', error: describeError(e).message } : f)));
      }
    }));
  }

  function remove(key: string) {
    setFiles((fs) => fs.filter((f) => {
      if (f.key === key && f.preview) URL.revokeObjectURL(f.preview);
      return f.key !== key;
    }));
  }

  async function submit(e?: Event) {
    e?.preventDefault();
    if (!canSend) return;
    const value = text.trim();
    if (editing) {
      setSaving(true);
      setEditError(undefined);
      try {
        await props.onEdit(value);
        setText('');
      } catch (err) {
        setEditError(describeError(err).message);
      } finally {
        setSaving(false);
      }
      return;
    }
    props.onSend({ text: value, replyTo: replyTo?.id, attachments: ready });
    setText('');
    setMention(undefined);
    // Uploaded previews stay valid as the sent message's own thumbnails are fetched from the server.
    files.forEach((f) => f.preview && URL.revokeObjectURL(f.preview));
    setFiles([]);
    setProblems([]);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (open) {
      if (e.key === 'ArrowDown') { e.preventDefault(); setActive((i) => (i + 1) % candidates.length); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); setActive((i) => (i - 1 + candidates.length) % candidates.length); return; }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); pick(candidates[active]); return; }
      if (e.key === 'Escape') { e.preventDefault(); setMention(undefined); return; }
    }
    if (e.key === 'Escape' && (editing || replyTo)) { e.preventDefault(); editing ? props.onCancelEdit() : props.onCancelReply(); return; }
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition (pinyin) does not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) void submit(e);
  }

  const quote = replyTo && quoteText(replyTo);
  return (
    <form class="composer-wrap" onSubmit={(e) => void submit(e)}>
      {editing && (
        <div class="composer-context" role="status">
          <span><strong>{t('chat.editing')}</strong></span>
          <button type="button" class="btn btn-ghost btn-small" onClick={props.onCancelEdit}>{t('app.cancel')}</button>
        </div>
      )}
      {!editing && replyTo && quote && (
        <div class="composer-context" role="status">
          <span class="composer-context-text">
            <strong>{t('chat.replyingTo', { name: replyTo.authorName })}</strong> <span class="muted">{quoteLabel(quote)}</span>
          </span>
          <button type="button" class="btn btn-ghost btn-small" onClick={props.onCancelReply} aria-label={t('chat.cancelReply')}>✕</button>
        </div>
      )}
      {editError && <p class="alert alert-error" role="alert">{editError}</p>}
      {problems.length > 0 && (
        <div class="alert alert-error" role="alert">{problems.map((p) => <p key={p}>{p}</p>)}</div>
      )}
      {!editing && files.length > 0 && (
        <ul class="upload-previews" aria-label={t('chat.attachments')}>
          {files.map((f) => (
            <li key={f.key} class={`upload-preview ${f.state}`}>
              {f.preview ? <img src={f.preview} alt={f.name} /> : <span class="file-badge" aria-hidden="true">PDF</span>}
              <span class="upload-name small">{f.name}</span>
              <span class="muted small" role={f.state === 'failed' ? 'alert' : undefined}>
                {f.state === 'uploading' ? t('chat.attach.uploading') : f.state === 'failed' ? f.error : formatSize(f.size)}
              </span>
              <button type="button" class="btn btn-ghost btn-small upload-remove" onClick={() => remove(f.key)} aria-label={t('chat.attach.remove', { name: f.name })}>✕</button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <ul id="mention-list" class="mention-list" role="listbox" aria-label={t('chat.mention.suggestions')}>
          {candidates.map((c, i) => (
            <li key={`${c.kind}-${c.name}`} id={`mention-${i}`} role="option" aria-selected={i === active} class={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); pick(c); }}>
              <span>@{c.name}</span>
              <span class="muted small">{c.kind === 'role' ? t(`chat.mention.role.${c.role}` as MessageKey) : t('chat.mention.person')}</span>
            </li>
          ))}
        </ul>
      )}
      <div class="composer">
        {!editing && (
          <>
            <input ref={fileInput} id="composer-file" type="file" class="visually-hidden" multiple accept={ATTACHMENT_TYPES.join(',')}
              onChange={(e) => void addFiles(e.currentTarget.files)} tabIndex={-1} aria-hidden="true" />
            <button type="button" class="btn btn-ghost composer-tool" onClick={() => fileInput.current?.click()} title={t('chat.attach')} aria-label={t('chat.attach')}>
              <PaperClip />
            </button>
            {perms.viewStock && (
              <button type="button" class="btn btn-ghost composer-tool" onClick={props.onHelper} title={t('chat.formatHelper')} aria-label={t('chat.formatHelper')}>[ ]</button>
            )}
          </>
        )}
        <label for="composer-input" class="visually-hidden">{editing ? t('chat.editing') : t('chat.compose')}</label>
        <textarea
          id="composer-input"
          ref={input}
          rows={1}
          value={text}
          placeholder={t('chat.compose')}
          {...({ role: 'combobox' } as Record<string, string>)}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? 'mention-list' : undefined}
          aria-activedescendant={open ? `mention-${active}` : undefined}
          onInput={(e) => { setText(e.currentTarget.value); updateMention(e.currentTarget); }}
          onClick={(e) => updateMention(e.currentTarget)}
          onFocus={cancelClose}
          onBlur={closeSoon}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="btn btn-primary" disabled={!canSend} aria-busy={saving || uploading}>
          {editing ? t('app.save') : t('chat.send')}
        </button>
      </div>
    </form>
  );
}

export function quoteLabel(q: ReturnType<typeof quoteText>): string {
  switch (q.kind) {
    case 'deleted': return t('chat.withdrawn');
    case 'missing': return t('chat.reply.missing');
    case 'attachment': return `[${t('chat.attachments')}] ${q.text}`;
    case 'card': return `[${t('chat.card')}] ${q.text}`;
    default: return q.text;
  }
}

function PaperClip() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"
      stroke-linejoin="round" aria-hidden="true" focusable="false">
      <path d="M21 11l-8.5 8.5a5 5 0 01-7-7L14 4a3.5 3.5 0 015 5l-8.5 8.5a2 2 0 01-3-3L15 7" />
    </svg>
  );
}
