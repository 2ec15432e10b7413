import { FeedmillError } from '../errors.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch-result.ts';

/** GETs a feed over HTTP(S) with a total deadline, a body size cap and conditional headers. */
export async function fetchHttp(
  url: string,
  validators: Validators,
  options: FetchOptions,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not-modified', url: response.url || url };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedmillError(
        'FETCH_HTTP_STATUS',
        `HTTP ${response.status} ${response.statusText} from ${url}`,
        { status: response.status },
      );
    }
    const body = await readCapped(response, options.maxBytes, url);
    const result: FetchResult = { kind: 'fetched', body, url: response.url || url, validators: {} };
    const contentType = response.headers.get('content-type');
    if (contentType) result.contentType = contentType;
    const etag = response.headers.get('etag');
    if (etag) result.validators.etag = etag;
    const lastModified = response.headers.get('last-modified');
    if (lastModified) result.validators.lastModified = lastModified;
    return result;
  } catch (error) {
    if (error instanceof FeedmillError) throw error;
    if (signal.aborted) {
      throw new FeedmillError(
        'FETCH_TIMEOUT',
        `no complete answer from ${url} within ${options.timeoutMs / 1000} s`,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new FeedmillError('FETCH_FAILED', `cannot fetch ${url}: ${detail}`, {}, { cause: error });
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      throw new FeedmillError('FETCH_TOO_LARGE', `response from ${url} is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
