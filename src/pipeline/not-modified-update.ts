import type { FetchResult } from '../fetch/index.ts';
import type { NotModifiedUpdate } from '../store/index.ts';

/**
 * What a 304 changes in the feed's row besides its success, as `run` and workers record it:
 * the validators it sends replace the stored ones (RFC 9111 §4.3.4), a permanent redirect,
 * and the RSSHub instance that answered (`servedBy`, its key masked).
 */
export function notModifiedUpdate(
  fetched: Extract<FetchResult, { kind: 'not-modified' }>,
  servedBy: string | undefined,
): NotModifiedUpdate {
  return {
    ...(fetched.movedTo ? { movedTo: fetched.movedTo } : {}),
    ...(servedBy === undefined ? {} : { servedBy }),
    ...(fetched.validators ? { validators: fetched.validators } : {}),
  };
}
