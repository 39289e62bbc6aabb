import type { MessageKey } from '../i18n/translate';

/** RFC 7807 problem details as the platform sends them. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

export interface DescribedProblem {
  /** A sentence for the user, already in their language. */
  message: string;
  /** Field name (camelCase, as sent) → messages in the user's language. */
  fields: Record<string, string[]>;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// The last segment of `type` (https://stationery.dev/problems/<code>) → our sentence for it.
const BY_CODE: Record<string, MessageKey> = {
  'invalid-credentials': 'error.invalidCredentials',
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  'not-found': 'error.notFound',
  conflict: 'error.conflict',
  concurrency: 'error.conflict',
  validation: 'error.validation',
  'bad-request': 'error.validation',
  'malformed-json': 'error.malformedJson',
  'rate-limited': 'error.rateLimited',
  'payload-too-large': 'error.payloadTooLarge',
  'unsupported-media-type': 'error.unsupportedMediaType',
  'insufficient-stock': 'error.insufficientStock',
  'idempotency-key-reused': 'error.keyReused',
  'request-in-progress': 'error.requestInProgress',
  'answer-not-kept': 'error.answerNotKept',
  'answer-lost': 'error.answerLost',
  'server-error': 'error.server',
};

const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.validation',
  401: 'error.unauthorized',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.rejected',
  413: 'error.payloadTooLarge',
  415: 'error.unsupportedMediaType',
  429: 'error.rateLimited',
};

// Server field messages are English; the common ones are translated, the rest shown as sent.
const FIELD_PHRASES: Array<[RegExp, MessageKey]> = [
  [/^is required\.?$/i, 'error.field.required'],
  [/^must be (greater than 0|positive|at least 1)\.?$/i, 'error.field.positive'],
  [/^must be (a whole number|an integer)\.?$/i, 'error.field.integer'],
  [/^is not valid( JSON for this field)?\.?$/i, 'error.field.invalid'],
];

export function problemCode(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const trimmed = type.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || undefined;
}

/**
 * Turns a problem into what the user reads, in their language where possible:
 * - a problem type we know gets our own sentence (in English the server's `detail`, written in English, says more);
 * - a business rule we do not know gets a sentence for its status, followed by the server's `detail` when the user
 *   reads English or the detail is already Chinese, else the detail in brackets so nothing specific is lost.
 */
export function describeProblem(status: number, problem: ProblemDetails | undefined, t: Translate, locale: string): DescribedProblem {
  const fields: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(problem?.errors ?? {}))
    fields[field] = (Array.isArray(messages) ? messages : [String(messages)]).map((m) => translateFieldMessage(m, t, locale));

  if (status === 0) return { message: t('error.network'), fields };
  const english = locale.startsWith('en');
  const detail = problem?.detail?.trim();
  if (status >= 500) return { message: t('error.server'), fields };

  const code = problemCode(problem?.type);
  const known = code ? BY_CODE[code] : undefined;
  const englishDetail = detail ? englishPart(detail) : undefined;
  if (known) return { message: english && englishDetail ? englishDetail : t(known), fields };

  if (english && englishDetail) return { message: englishDetail, fields };
  if (detail && HAS_CHINESE.test(detail)) return { message: chinesePart(detail), fields };
  const general = BY_STATUS[status];
  if (general) return { message: detail ? `${t(general)}（${detail}）` : t(general), fields };
  return { message: detail ?? problem?.title ?? t('error.unknown', { status }), fields };
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;
// The services write a rule's detail as "中文 / English": each reader gets their half.
const HALVES = / \/ (?=[^\u4e00-\u9fff]*$)/;

/** The English of a detail: all of it when it has no Chinese, else the half after " / " (none when there is no such half). */
function englishPart(detail: string): string | undefined {
  if (!HAS_CHINESE.test(detail)) return detail;
  const halves = detail.split(HALVES);
  return halves.length === 2 && halves[1].trim() ? halves[1].trim() : undefined;
}

/** The Chinese of a detail: the half before " / " when an English half follows, else all of it. */
function chinesePart(detail: string): string {
  const halves = detail.split(HALVES);
  return halves.length === 2 && halves[1].trim() ? halves[0].trim() : detail;
}

/**
 * A field's rule in the reader's language: the server writes the rules it knows as "中文 / English" (each reader gets
 * their half); an English-only rule that is common gets our sentence, any other is shown as sent.
 */
export function translateFieldMessage(message: string, t: Translate, locale = 'zh-CN'): string {
  if (HAS_CHINESE.test(message)) return locale.startsWith('en') ? englishPart(message) ?? message : chinesePart(message);
  for (const [pattern, key] of FIELD_PHRASES) if (pattern.test(message.trim())) return t(key);
  return message;
}
