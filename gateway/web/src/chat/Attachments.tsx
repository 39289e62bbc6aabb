import { useEffect, useState } from 'preact/hooks';
import { getBlob } from '../api/client';
import { t } from '../i18n';
import { formatSize, isImage } from './compose';
import type { Attachment } from './model';

// Attachment bytes need the bearer token, which an <img src> cannot send: each is fetched once as a blob and shown
// through an object URL, shared by every place that shows it while the page is open.
const urls = new Map<string, Promise<string>>();

export const attachmentPath = (id: string) => `/api/chat/attachments/${encodeURIComponent(id)}`;

export function attachmentUrl(id: string): Promise<string> {
  let url = urls.get(id);
  if (!url) {
    url = getBlob(attachmentPath(id)).then((blob) => URL.createObjectURL(blob));
    url.catch(() => urls.delete(id));
    urls.set(id, url);
  }
  return url;
}

function useAttachmentUrl(id: string, enabled = true) {
  const [state, setState] = useState<{ url?: string; failed?: boolean }>({});
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    attachmentUrl(id).then((url) => live && setState({ url }), () => live && setState({ failed: true }));
    return () => { live = false; };
  }, [id, enabled]);
  return state;
}

/** A message's files: images as thumbnails (tap for the full picture), PDFs as a named download. */
export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (!attachments.length) return null;
  return (
    <ul class="attachments" aria-label={t('chat.attachments')}>
      {attachments.map((a) => <li key={a.id}>{isImage(a) ? <ImageThumb attachment={a} /> : <FileLink attachment={a} />}</li>)}
    </ul>
  );
}

function ImageThumb({ attachment }: { attachment: Attachment }) {
  const { url, failed } = useAttachmentUrl(attachment.id);
  const label = attachment.fileName || t('chat.image');
  if (failed) return <span class="attachment-file muted small">{t('chat.attachmentFailed')}</span>;
  return (
    <a class="attachment-thumb" href={url ?? '#'} target="_blank" rel="noopener" aria-label={t('chat.openImage', { name: label })}
      onClick={(e) => { if (!url) e.preventDefault(); }}>
      {url ? <img src={url} alt={label} loading="lazy" /> : <span class="thumb-placeholder" aria-hidden="true" />}
    </a>
  );
}

function FileLink({ attachment }: { attachment: Attachment }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const url = await attachmentUrl(attachment.id);
      const a = document.createElement('a');
      a.href = url;
      a.download = attachment.fileName || 'file.pdf';
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" class="attachment-file" onClick={() => void download()} aria-busy={busy}>
      <span class="file-badge" aria-hidden="true">PDF</span>
      <span class="file-name">{attachment.fileName || t('chat.file')}</span>
      <span class="muted small nowrap">{formatSize(attachment.size)}{failed ? ` · ${t('chat.attachmentFailed')}` : ''}</span>
    </button>
  );
}
