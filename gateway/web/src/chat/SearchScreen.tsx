import { useEffect, useRef, useState } from 'preact/hooks';
import { chat, ok } from '../api/services';
import { t } from '../i18n';
import { paths } from '../router';
import { ErrorMessage, Loading, formatTime } from '../ui/components';
import { highlight, searchPage, snippet, type SearchHit } from './search';

const PAGE = 20;

/** Search the messages of one's channels (`GET /api/chat/search`), newest first, with more on demand. */
export function SearchScreen() {
  const initial = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('q') ?? '' : '';
  const [text, setText] = useState(initial);
  const [q, setQ] = useState(initial.trim());
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [searched, setSearched] = useState(false);
  const run = useRef(0);

  async function load(term: string, after?: string) {
    const id = ++run.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = searchPage(await ok(chat.GET('/api/chat/search', { params: { query: { q: term, limit: PAGE, cursor: after } } })));
      if (id !== run.current) return;
      setHits((h) => (after ? [...h, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setSearched(true);
    } catch (e) {
      if (id === run.current) setError(e);
    } finally {
      if (id === run.current) setLoading(false);
    }
  }

  useEffect(() => {
    if (!q) { setHits([]); setCursor(undefined); setSearched(false); return; }
    history.replaceState(null, '', paths.search(q));
    void load(q);
  }, [q]);

  return (
    <section class="page search-page" aria-labelledby="search-title">
      <div class="pane-title-row">
        <a href={paths.chat()} class="btn btn-ghost back-link search-back" aria-label={t('app.back')}>‹</a>
        <h1 id="search-title">{t('search.title')}</h1>
      </div>
      <form role="search" class="search-form" onSubmit={(e) => { e.preventDefault(); setQ(text.trim()); }}>
        <label for="search-q" class="visually-hidden">{t('search.label')}</label>
        <input id="search-q" type="search" value={text} maxLength={100} placeholder={t('search.placeholder')} autoFocus
          onInput={(e) => setText(e.currentTarget.value)} enterKeyHint="search" />
        <button type="submit" class="btn btn-primary" disabled={!text.trim()}>{t('search.go')}</button>
      </form>
      <ErrorMessage error={error} onRetry={() => void load(q)} />
      {searched && !loading && hits.length === 0 && !error && <p class="muted pad" role="status">{t('search.none', { q })}</p>}
      {hits.length > 0 && <p class="visually-hidden" role="status">{t('search.count', { count: hits.length })}</p>}
      <ul class="search-results">
        {hits.map((h) => (
          <li key={`${h.message.channelId}-${h.message.seq}`}>
            <a href={`${paths.chat(h.message.channelId)}#seq-${h.message.seq}`} class="search-hit">
              <span class="search-hit-head small">
                <strong>{h.channelName}</strong>
                <span class="muted"> · {h.message.authorName}</span>
                <time class="muted" dateTime={h.message.postedAt}> · {formatTime(h.message.postedAt, true)}</time>
              </span>
              <span class="search-hit-text">
                {highlight(snippet(h.message.text, q), q).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {loading && <Loading />}
      {cursor && !loading && (
        <button type="button" class="btn btn-secondary btn-block" onClick={() => void load(q, cursor)}>{t('search.more')}</button>
      )}
    </section>
  );
}
