import { FeedmillError } from '../errors.ts';
import type { Fetcher } from '../fetch/index.ts';
import { redactSecrets } from './instances.ts';

/**
 * Wraps a fetcher so that no access key leaves it: result URLs and error messages have every
 * secret masked (keys travel in the query string, which ends up in messages and reports).
 */
export function redactingFetcher(inner: Fetcher, secrets: readonly string[]): Fetcher {
  if (secrets.length === 0) return inner;
  return {
    async fetch(location, validators) {
      try {
        const result = await inner.fetch(location, validators);
        const masked = { ...result, url: redactSecrets(result.url, secrets) };
        if ('movedTo' in masked && masked.movedTo) masked.movedTo = redactSecrets(masked.movedTo, secrets);
        return masked;
      } catch (error) {
        if (!(error instanceof FeedmillError)) {
          const message = error instanceof Error ? error.message : String(error);
          throw new FeedmillError('FETCH_FAILED', redactSecrets(message, secrets));
        }
        // The cause (an undici error) may quote the URL: it is dropped rather than carried along.
        throw new FeedmillError(error.code, redactSecrets(error.message, secrets), error.context);
      }
    },
    close: () => inner.close?.(),
  };
}
