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

/** Tries each location in order (RSSHub instances); the first success wins. */
export async function fetchFirst(
  fetcher: Fetcher,
  locations: readonly FeedLocation[],
  validators: Validators,
): Promise<FetchResult> {
  const failures: FeedmillError[] = [];
  for (const location of locations) {
    try {
      return await fetcher.fetch(location, validators);
    } catch (error) {
      if (!(error instanceof FeedmillError) || locations.length === 1) throw error;
      failures.push(error);
    }
  }
  const last = failures.at(-1);
  throw new FeedmillError(
    last?.code ?? 'FETCH_FAILED',
    `every source failed: ${failures.map((failure) => failure.message).join('; ')}`,
  );
}
