import type { ComponentChildren, InputHTMLAttributes, PartialInputHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { DescribedProblem } from '../api/problem';
import { t } from '../i18n';

/** Any thrown error as text for the user (problem details in their language). */
export function describeError(error: unknown): DescribedProblem {
  if (error instanceof ApiError) return error.describe();
  return { message: t('error.unknown', { status: '—' }), fields: {} };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const { message, fields } = describeError(error);
  const unlabelled = Object.entries(fields);
  return (
    <div class="alert alert-error" role="alert">
      <p>{message}</p>
      {unlabelled.length > 0 && (
        <ul>
          {unlabelled.map(([field, msgs]) => <li key={field}><code>{field}</code>: {msgs.join('；')}</li>)}
        </ul>
      )}
      {onRetry && <button type="button" class="btn btn-small" onClick={onRetry}>{t('app.retry')}</button>}
    </div>
  );
}

export function Loading() {
  return <p class="muted" role="status" aria-live="polite">{t('app.loading')}</p>;
}

type FieldProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label' | 'id' | 'name' | 'role'> & {
  label: string;
  name: string;
  idPrefix?: string;
  error?: string[];
  hint?: string;
};

/** An input with its label, hint and the server's messages for it, linked for screen readers. */
export function Field({ label, name, idPrefix = 'f', error, hint, ...input }: FieldProps) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error?.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  // Preact's input typings tie `role` to `type`; the props here are plain attributes, so the union is asserted.
  const inputProps = { ...input, id, name, 'aria-invalid': error?.length ? true : undefined, 'aria-describedby': describedBy } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class={`field${error?.length ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input {...inputProps} />
      {hint && <small id={`${id}-hint`} class="muted">{hint}</small>}
      {error?.length ? <small id={`${id}-err`} class="field-error">{error.join('；')}</small> : null}
    </div>
  );
}

/** Loads data for a component, re-running when `deps` change; `reload` re-runs it by hand. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setState({ data, loading: false }); },
      (error) => { if (!controller.signal.aborted && (error as Error)?.name !== 'AbortError') setState({ error, loading: false }); },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1), setData: (data: T) => setState({ data, loading: false }) };
}

/** A short confirmation announced to screen readers; fades after a few seconds. */
export function Notice({ children, onDone }: { children: ComponentChildren; onDone?: () => void }) {
  // Without onDone the notice stays (it carries links the user needs).
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (!done.current) return;
    const timer = setTimeout(() => done.current?.(), 4000);
    return () => clearTimeout(timer);
  }, [children]);
  return <p class="alert alert-ok" role="status">{children}</p>;
}

export function formatTime(iso: string | undefined, withDate = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === new Date().toDateString();
  return d.toLocaleString(document.documentElement.lang || 'zh-CN', withDate || !sameDay
    ? { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { hour: '2-digit', minute: '2-digit' });
}

export function formatMoney(value: unknown): string {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(2) : '';
}

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="dialog-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <header class="dialog-header">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" class="btn btn-ghost" onClick={onClose} aria-label={t('app.close')}>✕</button>
      </header>
      {children}
    </dialog>
  );
}
