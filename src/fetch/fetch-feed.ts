import { FeedmillError } from '../errors.ts';
import type { FeedLocation } from '../model.ts';
import { fetchHttp } from './fetch-http.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch-result.ts';
import { readFileSource } from './read-file-source.ts';

/** The effect the pipeline needs from the network and disk: swapped for a fake in tests. */
export interface Fetcher {
  fetch(location: FeedLocation, validators: Validators): Promise<FetchResult>;
}

/** The real fetcher: local files and HTTP(S). */
export function createFetcher(options: FetchOptions): Fetcher {
  return {
    fetch(location, validators) {
      return location.kind === 'file'
        ? readFileSource(location.path, options)
        : fetchHttp(location.url, validators, options);
    },
  };
}

/** Tries each location in order (RSSHub instances); the first success wins and names its location. */
export async function fetchFirst(
  fetcher: Fetcher,
  locations: readonly FeedLocation[],
  validators: Validators,
): Promise<FetchResult & { location: FeedLocation }> {
  const failures: FeedmillError[] = [];
  for (const location of locations) {
    try {
      return { ...(await fetcher.fetch(location, validators)), location };
    } catch (error) {
      if (!(error instanceof FeedmillError) || locations.length === 1) throw error;
      failures.push(error);
      if (!worthNextLocation(error)) break;
    }
  }
  const last = failures.at(-1);
  throw new FeedmillError(
    last?.code ?? 'FETCH_FAILED',
    `every source failed: ${failures.map((failure) => failure.message).join('; ')}`,
    last?.context.status === undefined ? {} : { status: last.context.status },
  );
}

/**
 * Whether another instance may do better: network errors and timeouts, 5xx, 429 (rate
 * limited) and 403 (access key refused or instance blocked). A 404 or a too-large answer
 * would be the same everywhere, so the failure stands.
 */
function worthNextLocation(error: FeedmillError): boolean {
  if (error.code === 'FETCH_FAILED' || error.code === 'FETCH_TIMEOUT') return true;
  if (error.code !== 'FETCH_HTTP_STATUS') return false;
  const status = error.context.status;
  return status === undefined || status >= 500 || status === 429 || status === 403;
}
