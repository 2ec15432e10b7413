import { FeedmillError } from '../errors.ts';
import type { FeedLocation } from '../model.ts';
import { createHttpClient } from './fetch-http.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch-result.ts';
import { createHostLimiter } from './host-limiter.ts';
import { readFileSource } from './read-file-source.ts';
import { withPlace } from './with-place.ts';

/** What one fetch of a feed asks beyond the fetcher's defaults; wrappers pass it on. */
export interface FeedRequest {
  /**
   * Keep the text of a 429 or 503 answer as `answerText`, for a caller that reads the server's
   * error pages (RSSHub's); without it the body is discarded unread, as for any other feed.
   */
  keepAnswerText?: boolean;
  /**
   * Awaited before each redirect to another host is followed, with the URL about to be
   * requested, after the fetcher gave up its own place for the host left and before it waits
   * for one on the new host (workers move their cross-machine host slot there). Its time counts
   * against the fetch's deadline; what it throws ends the fetch.
   */
  onRedirect?: (target: URL) => Promise<void>;
}

/** The effect the pipeline needs from the network and disk: swapped for a fake in tests. */
export interface Fetcher {
  fetch(location: FeedLocation, validators: Validators, request?: FeedRequest): Promise<FetchResult>;
  /** Releases kept-alive connections (optional: fakes need none). */
  close?(): void;
}

/** The real fetcher: local files and HTTP(S), within the global and per-host limits. */
export function createFetcher(options: FetchOptions): Fetcher {
  const client = createHttpClient(options);
  const limiter = createHostLimiter(options.concurrency, options.perHost);
  return {
    fetch(location, validators, request = {}) {
      if (location.kind === 'file') return readFileSource(location.path, options);
      const keepAnswerText = request.keepAnswerText === true ? { keepAnswerText: true } : {};
      return withPlace(
        limiter,
        location.url,
        (onRedirect) => client.get(location.url, validators, { onRedirect, ...keepAnswerText }),
        request.onRedirect,
      );
    },
    close() {
      client.close();
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
  for (const [index, location] of locations.entries()) {
    try {
      const result = await fetcher.fetch(location, validators);
      // One instance's 410 or 429 says nothing about the others: try the next one first.
      const answered = result.kind !== 'gone' && result.kind !== 'retry-later';
      // The same object, not a copy: the caller takes a big body out of it once parsed, and
      // the object the fetcher resolved with may stay reachable a while (see BodyBytes).
      if (answered || index === locations.length - 1) return Object.assign(result, { location });
      failures.push(
        new FeedmillError(
          result.kind === 'gone' ? 'FETCH_GONE' : 'FETCH_RATE_LIMITED',
          `${result.url} answered ${result.kind === 'gone' ? 410 : result.status}${result.kind === 'retry-later' && result.reason ? ` (${result.reason})` : ''}`,
        ),
      );
    } catch (error) {
      if (!(error instanceof FeedmillError) || locations.length === 1) throw error;
      failures.push(error);
      if (!worthNextLocation(error)) break;
    }
  }
  if (failures.length === 1) throw failures[0]!;
  const last = failures.at(-1);
  throw new FeedmillError(
    last?.code ?? 'FETCH_FAILED',
    `every source failed: ${failures.map((failure) => failure.message).join('; ')}`,
    last?.context.status === undefined ? {} : { status: last.context.status },
  );
}

/**
 * Whether another instance may do better: network errors and timeouts, 5xx (RSSHub's answer
 * when a route fails), 429 (rate limited), 403 (access key refused or instance blocked) and
 * 404: RSSHub answers it when it has no such route, which depends on the instance (its
 * version, DISABLE_NSFW). A too-large answer would be as large everywhere: it stands.
 */
function worthNextLocation(error: FeedmillError): boolean {
  if (error.code === 'FETCH_FAILED' || error.code === 'FETCH_TIMEOUT') return true;
  if (error.code !== 'FETCH_HTTP_STATUS') return false;
  const status = error.context.status;
  return status === undefined || status >= 500 || status === 429 || status === 403 || status === 404;
}
