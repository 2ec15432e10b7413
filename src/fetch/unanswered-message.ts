import type { FetchResult } from './fetch-result.ts';

/** The report of a feed that answered 410 Gone: polling stops (run and workers alike). */
export function goneMessage(url: string): string {
  return `${url} answered 410 Gone; feedmill stops polling it (change its url to resume)`;
}

/** The report of a 429 or 503: the status, what the server said of why, when it is asked again. */
export function retryLaterMessage(
  answer: Extract<FetchResult, { kind: 'retry-later' }>,
  nextCheck: Date,
): string {
  const reason = answer.reason ? ` (${answer.reason})` : '';
  return `${answer.url} answered ${answer.status}${reason}; retrying after ${nextCheck.toISOString()}`;
}
