/** Stable error codes: the CLI maps them to exit codes and users can search for them. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'USAGE'
  | 'FETCH_FAILED'
  | 'FETCH_HTTP_STATUS'
  | 'FETCH_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  // HTTP semantics and state: codes for the fetch and store layers
  | 'FETCH_GONE'
  | 'FETCH_RATE_LIMITED'
  | 'FETCH_TOO_MANY_REDIRECTS'
  | 'FETCH_REFUSED'
  | 'FILE_NOT_FOUND'
  | 'NOT_A_FEED'
  | 'PARSE_FAILED'
  | 'WRITE_FAILED'
  | 'STATE_FAILED'
  // a post path another item or journalled write already holds (the state refused it)
  | 'PATH_TAKEN'
  | 'LOCKED'
  // every fetch slot of a host is held by other workers: the feed is deferred, not failed
  | 'HOST_BUSY'
  | 'INTERNAL'
  | 'INIT_FAILED'
  // rsshub catalogue
  | 'RSSHUB_CATALOGUE_UNAVAILABLE'
  | 'RSSHUB_ROUTE_UNKNOWN'
  // an RSSHub route waiting for the catalogue to give its categories (nothing written)
  | 'CATEGORIES_UNRESOLVED'
  // a feed URL names an environment variable (`${NAME}`) that is not set (nothing fetched)
  | 'URL_ENV_UNSET';

/** Where an error happened: which feed, item or file. */
export interface ErrorContext {
  feed?: string;
  item?: string;
  path?: string;
  /** The HTTP status of a FETCH_HTTP_STATUS failure: instance fallback depends on it. */
  status?: number;
}

/** The one error type of feedmill: a stable code, a human message and where it happened. */
export class FeedmillError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedmillError';
    this.code = code;
    this.context = context;
  }
}

/** Turns anything thrown into a FeedmillError, keeping the original as the cause. */
export function toFeedmillError(
  error: unknown,
  fallback: ErrorCode,
  context: ErrorContext = {},
): FeedmillError {
  if (error instanceof FeedmillError) {
    return new FeedmillError(
      error.code,
      error.message,
      { ...context, ...error.context },
      { cause: error.cause },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FeedmillError(fallback, message, context, { cause: error });
}

/**
 * Stable codes of diagnostics, in kebab-case (error codes are upper case): one per kind of
 * recovered problem. docs/diagnostics.md lists what each means and where it comes from.
 */
export type DiagnosticCode =
  // decoding the bytes
  | 'encoding-mismatch'
  | 'encoding-sniffed'
  | 'encoding-unknown'
  | 'invalid-utf8'
  // reading the XML
  | 'invalid-char'
  | 'leading-junk'
  | 'undeclared-entity'
  | 'external-entity'
  | 'entity-limit'
  | 'undeclared-prefix'
  | 'namespace-alias'
  | 'bad-nesting'
  | 'too-deep'
  | 'truncated'
  // reading the feed
  | 'bad-item'
  | 'bad-field'
  | 'empty-item'
  | 'duplicate-item'
  | 'duplicate-id'
  | 'bad-date'
  | 'bad-timezone'
  | 'unsupported-content'
  | 'atom-in-rss'
  | 'itunes-fallback'
  | 'no-date'
  // RSSHub route catalogue
  | 'rsshub-catalogue-unavailable'
  | 'rsshub-catalogue-stale'
  | 'rsshub-docs-unreadable'
  | 'rsshub-namespace-invalid'
  | 'rsshub-route-invalid'
  | 'rsshub-route-unknown'
  // RSSHub Radar rules (feedmill add)
  | 'rsshub-radar-unavailable'
  | 'rsshub-radar-rule-invalid'
  // filter rules
  | 'filter-timeout'
  // Hexo category slugs
  | 'category-slug-empty'
  | 'category-slug-collision'
  // full text: the post keeps the feed's content, and why
  | 'full-text-no-link'
  | 'full-text-fetch-failed'
  | 'full-text-not-html'
  | 'full-text-not-found'
  | 'full-text-shorter'
  // images: local copies; the post keeps the remote URL, and why
  | 'image-download-failed'
  | 'image-too-large'
  | 'image-not-an-image'
  | 'image-svg-refused'
  | 'image-limit';

/** A problem that did not stop the work (a recovered parse error, an unreadable date). */
export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  item?: string;
}
