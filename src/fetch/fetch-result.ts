/** Cache validators from a previous response (RFC 9110 §8.8). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * What a fetch produced. A failure is thrown as a FeedmillError instead, except the two
 * answers that change how the feed is polled: 410 (gone) and 429/503 (retry later).
 */
export type FetchResult =
  | {
      kind: 'fetched';
      body: Uint8Array;
      /** The Content-Type header, if any (carries the charset). */
      contentType?: string;
      /** The final URL after redirects, or the file path. */
      url: string;
      validators: Validators;
      /**
       * Set when the first redirect hop was permanent (301/308): the URL to poll from now on, the
       * target of the last hop of that leading permanent run (later temporary hops aside).
       */
      movedTo?: string;
      /** How long the server says this answer stays fresh (RFC 9111 §4.2; see freshForMs). */
      freshForMs?: number;
    }
  /**
   * 304: the stored answer stands, freshened by this one's headers (RFC 9111 §4.3.4): the
   * validators it carries (only those it sends) and its freshness.
   */
  | { kind: 'not-modified'; url: string; movedTo?: string; freshForMs?: number; validators?: Validators }
  /** 410 Gone (RFC 9110 §15.5.11): stop polling the feed. */
  | { kind: 'gone'; url: string }
  /**
   * 429 or 503, with the server's Retry-After in milliseconds when it gave a usable one, its
   * answer as text (an HTML or JSON error page, at most 256 KiB) when the request asked for it
   * (`keepAnswerText`: a caller that knows the server's pages), and `reason`, what such a
   * caller read there.
   */
  | {
      kind: 'retry-later';
      url: string;
      status: number;
      retryAfterMs?: number;
      answerText?: string;
      reason?: string;
    };

/** Options every fetch honours. */
export interface FetchOptions {
  /** Total deadline of one fetch, redirects and body included. */
  timeoutMs: number;
  /** Deadline for the TCP connection of each hop. */
  connectTimeoutMs: number;
  /** Body size cap, counted after decompression. */
  maxBytes: number;
  userAgent: string;
  /** Redirect hops followed before giving up. */
  maxRedirects: number;
  /** Fetches in flight at once, across all hosts. */
  concurrency: number;
  /** Fetches in flight at once to one host. */
  perHost: number;
  /** Refuse private, loopback and link-local addresses (for configs from untrusted sources). */
  refusePrivate: boolean;
  /**
   * Which addresses `refusePrivate` refuses; `isPrivateAddress` unless replaced (tests on
   * 127.0.0.1 replace it to play a public first hop that redirects to a private one).
   */
  isPrivate?: (address: string) => boolean;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: 20_000,
  connectTimeoutMs: 10_000,
  maxBytes: 15 * 1024 * 1024,
  userAgent: 'feedmill',
  maxRedirects: 5,
  concurrency: 8,
  perHost: 2,
  refusePrivate: false,
};
