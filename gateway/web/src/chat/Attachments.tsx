import { useEffect, useState } from 'preact/hooks';
import { getBlob } from '../api/client';
import { t } from '../i18n';
import { saveFile, useDownload } from '../ui/saveFile';
import { formatSize, isImage } from './compose';
import type { Attachment } from './model';

// Attachment bytes need the bearer token, which an <img src> cannot send: each is fetched once as a blob and shown
// through an object URL, shared by every place that shows it while the page is open.
const urls = new Map<string, Promise<string>>();

export const attachmentPath = (id: string) => `/api/chat/attachments/${encodeURIComponent(id)}`;

/** The file, or its small JPEG preview (`/thumbnail`, for images the server made one of: `hasThumbnail`). */
export function attachmentUrl(id: string, thumbnail = false): Promise<string> {
  const path = thumbnail ? `${attachmentPath(id)}/thumbnail` : attachmentPath(id);
  let url = urls.get(path);
  if (!url) {
    url = getBlob(path).then((blob) => URL.createObjectURL(blob));
    url.catch(() => urls.delete(path));
    urls.set(path, url);
  }
  return url;
}

function useAttachmentUrl(id: string, thumbnail = false) {
  const [state, setState] = useState<{ url?: string; failed?: boolean }>({});
  useEffect(() => {
    let live = true;
    // A thumbnail that cannot be had falls back to the picture itself.
    const load = thumbnail ? attachmentUrl(id, true).catch(() => attachmentUrl(id)) : attachmentUrl(id);
    load.then((url) => live && setState({ url }), () => live && setState({ failed: true }));
    return () => { live = false; };
  }, [id, thumbnail]);
  return state;
}

/** A card's picture (a report's chart), shown whole inside the card; the bytes come with the token like any attachment. */
export function CardImage({ id, alt }: { id: string; alt: string }) {
  const { url, failed } = useAttachmentUrl(id);
  if (failed) return <p class="muted small">{t('chat.attachmentFailed')}</p>;
  return url ? <img class="bot-card-image" src={url} alt={alt} data-attachment={id} /> : <span class="thumb-placeholder" aria-hidden="true" />;
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
  const small = !!attachment.hasThumbnail;
  const { url, failed } = useAttachmentUrl(attachment.id, small);
  const [full, setFull] = useState<string>();
  const label = attachment.fileName || t('chat.image');
  if (failed) return <span class="attachment-file muted small">{t('chat.attachmentFailed')}</span>;
  // With a thumbnail on screen, the full picture is fetched only when tapped.
  async function open(e: MouseEvent) {
    if (!small && url) return;
    e.preventDefault();
    if (!url) return;
    try {
      const big = full ?? await attachmentUrl(attachment.id);
      setFull(big);
      window.open(big, '_blank');
    } catch { /* the thumbnail stays; the next tap tries again */ }
  }
  return (
    <a class="attachment-thumb" href={(small ? full : url) ?? '#'} target="_blank" rel="noopener" aria-label={t('chat.openImage', { name: label })}
      onClick={(e) => void open(e)}>
      {url ? <img src={url} alt={label} loading="lazy" /> : <span class="thumb-placeholder" aria-hidden="true" />}
    </a>
  );
}

function FileLink({ attachment }: { attachment: Attachment }) {
  const { busy, failed, download } = useDownload(async () =>
    saveFile(await attachmentUrl(attachment.id), attachment.fileName || 'file.pdf'));
  return (
    <button type="button" class="attachment-file" onClick={() => void download()} aria-busy={busy}>
      <span class="file-badge" aria-hidden="true">PDF</span>
      <span class="file-name">{attachment.fileName || t('chat.file')}</span>
      <span class="muted small nowrap">{formatSize(attachment.size)}{failed ? ` · ${t('chat.attachmentFailed')}` : ''}</span>
    </button>
  );
}
