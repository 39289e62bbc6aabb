import { useState } from 'preact/hooks';

/** Saves a fetched file (an object URL of a token-fetched blob) under a name, through a temporary download link. */
export function saveFile(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * A download button's state: `download` runs `fetchAndSave` (which fetches with the token and calls {@link saveFile}),
 * `busy` while it runs, `failed` when it threw (cleared by the next try).
 */
export function useDownload(fetchAndSave: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      await fetchAndSave();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return { busy, failed, download };
}
