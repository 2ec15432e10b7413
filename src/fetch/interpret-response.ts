import type { ErrorCode } from '../errors.ts';
import { parseHttpDate } from './http-date.ts';

/** What to do with a response's status line and headers (decided before reading the body). */
export type ResponseDecision =
  | { kind: 'read-body' }
  | { kind: 'not-modified' }
  | { kind: 'redirect'; location: string; permanent: boolean }
  | { kind: 'gone' }
  | { kind: 'retry-later'; retryAfterMs?: number }
  | { kind: 'failed'; code: ErrorCode; message: string };

/** The headers interpretation looks at, already lower-cased by node:http. */
export interface ResponseHead {
  status: number;
  location?: string;
  retryAfter?: string;
}

/** Retry-After is honoured up to a day, so a hostile server cannot park a feed forever. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Interprets a response head (pure). Redirects per RFC 9110 §15.4 (301/308 permanent,
 * 302/303/307 temporary), 304 per RFC 9110 §15.4.5, 410 per §15.5.11, 429 (RFC 6585) and
 * 503 with Retry-After (§10.2.3).
 */
export function interpretResponse(head: ResponseHead, url: string, now: Date): ResponseDecision {
  const { status } = head;
  if (status === 304) return { kind: 'not-modified' };
  if (status === 301 || status === 302 || status === 303 || status === 307 || status === 308) {
    if (!head.location) {
      return {
        kind: 'failed',
        code: 'FETCH_HTTP_STATUS',
        message: `HTTP ${status} without Location from ${url}`,
      };
    }
    let target: URL;
    try {
      target = new URL(head.location, url);
    } catch {
      return {
        kind: 'failed',
        code: 'FETCH_HTTP_STATUS',
        message: `HTTP ${status} from ${url} with an unusable Location: ${head.location}`,
      };
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return {
        kind: 'failed',
        code: 'FETCH_REFUSED',
        message: `${url} redirects to a ${target.protocol} URL, which feedmill does not follow`,
      };
    }
    target.hash = '';
    return { kind: 'redirect', location: target.href, permanent: status === 301 || status === 308 };
  }
  if (status === 200 || status === 203) return { kind: 'read-body' };
  if (status === 410) return { kind: 'gone' };
  if (status === 429 || status === 503) {
    const retryAfterMs = head.retryAfter === undefined ? undefined : parseRetryAfter(head.retryAfter, now);
    return retryAfterMs === undefined ? { kind: 'retry-later' } : { kind: 'retry-later', retryAfterMs };
  }
  return { kind: 'failed', code: 'FETCH_HTTP_STATUS', message: `HTTP ${status} from ${url}` };
}

/**
 * Parses Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds
 * from `now`, clamped to [0, 24 h]; undefined when the value is neither form.
 */
export function parseRetryAfter(value: string, now: Date): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = parseHttpDate(text, now.getTime());
  if (at === undefined) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}
