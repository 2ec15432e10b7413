/** Cache validators from a previous response (RFC 9110 §8.8). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** What a fetch produced. A failure is thrown as a FeedmillError instead. */
export type FetchResult =
  | {
      kind: 'fetched';
      body: Uint8Array;
      /** The Content-Type header, if any (carries the charset). */
      contentType?: string;
      /** The final URL after redirects, or the file path. */
      url: string;
      validators: Validators;
    }
  | { kind: 'not-modified'; url: string };

/** Options every fetch honours. */
export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: 20_000,
  maxBytes: 15 * 1024 * 1024,
  userAgent: 'feedmill',
};
