import { FeedmillError } from '../errors.ts';
import type { FetchedPage, PageFetcher } from '../process/index.ts';
import { createHttpClient } from './fetch-http.ts';
import type { FetchOptions } from './fetch-result.ts';
import { createHostLimiter } from './host-limiter.ts';
import { withPlace } from './with-place.ts';

/** What article pages and images are fetched with when the caller names no type. */
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** What one page fetch may ask: PageFetcher's type and size, and a hook on each change of host. */
export interface PageRequest {
  accept?: string;
  maxBytes?: number;
  /** As FeedRequest.onRedirect: workers move their cross-machine host slot with the page. */
  onRedirect?: (target: URL) => Promise<void>;
}

/** The page fetcher of a run: close it when the run ends. */
export interface HttpPageFetcher extends PageFetcher {
  get(url: string, request?: PageRequest): Promise<FetchedPage>;
  close(): void;
}

/**
 * Politeness defaults for pages: one request at a time per host (sites serve feeds to pollers
 * but article pages to readers), and a smaller body cap than a feed's.
 */
export const DEFAULT_PAGE_FETCH: Pick<FetchOptions, 'perHost' | 'maxBytes'> = {
  perHost: 1,
  maxBytes: 5 * 1024 * 1024,
};

/**
 * Creates the page fetcher processors use: the feed client's deadline, redirects and
 * private-address refusal, with connections and a global/per-host limiter of its own, so
 * that article pages never wait behind feeds or hold them up. Any answer but a body (a
 * non-2xx status, 410, 429) is a FeedmillError naming the URL and the status.
 */
export function createPageFetcher(options: FetchOptions): HttpPageFetcher {
  const client = createHttpClient(options);
  const limiter = createHostLimiter(options.concurrency, options.perHost);
  return {
    get(url, request = {}) {
      if (!URL.canParse(url)) return Promise.reject(new FeedmillError('FETCH_REFUSED', `not a URL: ${url}`));
      const { onRedirect: outer, ...overrides } = request;
      return withPlace(
        limiter,
        url,
        async (onRedirect): Promise<FetchedPage> => {
          const result = await client.get(
            url,
            {},
            { ...overrides, accept: overrides.accept ?? PAGE_ACCEPT, onRedirect },
          );
          switch (result.kind) {
            case 'fetched':
              return {
                url: result.url,
                body: result.body,
                ...(result.contentType ? { contentType: result.contentType } : {}),
              };
            case 'gone':
              throw new FeedmillError('FETCH_HTTP_STATUS', `HTTP 410 from ${result.url}`, { status: 410 });
            case 'retry-later':
              throw new FeedmillError('FETCH_HTTP_STATUS', `HTTP ${result.status} from ${result.url}`, {
                status: result.status,
              });
            case 'not-modified':
              // No validators are sent, so only a broken server answers 304.
              throw new FeedmillError(
                'FETCH_HTTP_STATUS',
                `HTTP 304 from ${result.url} to an unconditional GET`,
                {
                  status: 304,
                },
              );
          }
        },
        outer,
      );
    },
    close() {
      client.close();
    },
  };
}
