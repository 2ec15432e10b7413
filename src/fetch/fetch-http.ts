import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, Transform, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { FeedmillError } from '../errors.ts';
import { createDeflateDecoder } from './deflate-decoder.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch-result.ts';
import { freshForMs } from './freshness.ts';
import { headerText } from './header-text.ts';
import { interpretResponse } from './interpret-response.ts';
import { isPrivateAddress } from './private-address.ts';
import { isStaleConnectionFailure } from './stale-connection.ts';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** What one request may change of the client's defaults (article pages and images ask for other types and sizes). */
export interface RequestOverrides {
  /** The Accept header; feed types by default. */
  accept?: string;
  /** The body cap of this request, counted after decompression. */
  maxBytes?: number;
  /**
   * Awaited before each redirect is followed, with the URL about to be requested (a limiter
   * moves the request's place to that host); its time counts against the fetch's deadline.
   */
  onRedirect?: (target: URL) => Promise<void>;
  /**
   * Read the text of a 429 or 503 answer into `answerText` (see readAnswerText), for a caller
   * that knows the server's error pages; otherwise its body is discarded unread.
   */
  keepAnswerText?: boolean;
}

/** An HTTP(S) client with its own keep-alive connections; close it when the run ends. */
export interface HttpClient {
  get(url: string, validators: Validators, overrides?: RequestOverrides): Promise<FetchResult>;
  close(): void;
}

/**
 * Creates the client: node:http with a total deadline per fetch (redirects and body
 * included), a connect timeout per hop, a body cap counted after decompression, manual
 * redirects (each hop checked), one retry on a new connection when a kept-alive one turns
 * out closed, and, optionally, refusal of private addresses.
 */
export function createHttpClient(options: FetchOptions): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.perHost }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.perHost }),
  };
  const isPrivate = options.isPrivate ?? isPrivateAddress;
  const connections: Connections = {
    agents,
    ...(options.refusePrivate ? { refusing: { isPrivate, lookup: refusingLookup(isPrivate) } } : {}),
  };
  return {
    get: (url, validators, overrides = {}) =>
      fetchHttp(
        url,
        validators,
        overrides.maxBytes === undefined ? options : { ...options, maxBytes: overrides.maxBytes },
        connections,
        overrides.accept ?? ACCEPT,
        overrides,
      ),
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** The response's ETag and Last-Modified, when it sends either. */
function validatorsOf(response: IncomingMessage): { validators?: Validators } {
  const validators: Validators = {};
  const etag = response.headers.etag;
  if (etag) validators.etag = etag;
  const lastModified = response.headers['last-modified'];
  if (lastModified) validators.lastModified = lastModified;
  return validators.etag === undefined && validators.lastModified === undefined ? {} : { validators };
}

/** What the response says of its freshness, when it says anything. */
function freshness(response: IncomingMessage): { freshForMs?: number } {
  const ms = freshForMs(response.headers, Date.now());
  return ms === undefined ? {} : { freshForMs: ms };
}

/** A client's keep-alive agents and, under `refusePrivate`, what refuses private addresses. */
interface Connections {
  agents: { 'http:': http.Agent; 'https:': https.Agent };
  refusing?: { isPrivate: (address: string) => boolean; lookup: LookupFunction };
}

async function fetchHttp(
  url: string,
  validators: Validators,
  options: FetchOptions,
  connections: Connections,
  accept: string,
  { onRedirect, keepAnswerText }: Pick<RequestOverrides, 'onRedirect' | 'keepAnswerText'>,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  // A flag and the request in flight rather than an AbortSignal handed to each request: the
  // signal's listeners on the request and its socket cost a third of a 304's CPU.
  const deadline: Deadline = { passed: false };
  const timer = setTimeout(() => {
    deadline.passed = true;
    deadline.current?.destroy(new Error(`deadline of ${options.timeoutMs / 1000} s passed`));
  }, options.timeoutMs);
  let current = url;
  try {
    let hops = 0;
    // RFC 9110 §15.4.2: a 301/308 re-links references to its target. Only the leading run of
    // permanent hops moves the feed: a temporary hop says nothing lasting, nor does any after it.
    let movedTo: string | undefined;
    let stillPermanent = true;
    for (;;) {
      const target = checkTarget(current, connections);
      if (hops > 0 && onRedirect) await onRedirect(target);
      const exchange: Exchange = {};
      const response = await request(target, headers, deadline, options, connections, exchange);
      const decision = interpretResponse(
        {
          status: response.statusCode ?? 0,
          ...(typeof response.headers.location === 'string'
            ? { location: headerText(response.headers.location) }
            : {}),
          ...(typeof response.headers['retry-after'] === 'string'
            ? { retryAfter: response.headers['retry-after'] }
            : {}),
        },
        current,
        new Date(),
      );
      const moved = movedTo === undefined ? {} : { movedTo };
      switch (decision.kind) {
        case 'redirect':
          response.destroy();
          hops++;
          if (hops > options.maxRedirects) {
            throw new FeedmillError(
              'FETCH_TOO_MANY_REDIRECTS',
              `more than ${options.maxRedirects} redirects starting at ${url}`,
            );
          }
          stillPermanent &&= decision.permanent;
          if (stillPermanent) movedTo = decision.location;
          current = decision.location;
          continue;
        case 'not-modified':
          response.resume();
          return {
            kind: 'not-modified',
            url: current,
            ...moved,
            ...freshness(response),
            ...validatorsOf(response),
          };
        case 'gone':
          response.destroy();
          return { kind: 'gone', url: current };
        case 'retry-later': {
          let answerText: string | undefined;
          if (keepAnswerText) {
            answerText = await readAnswerText(response, {
              timeoutMs: options.timeoutMs,
              url: current,
              deadline,
              exchange,
            });
          } else {
            response.destroy();
          }
          return {
            kind: 'retry-later',
            url: current,
            status: response.statusCode ?? 0,
            ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
            ...(answerText === undefined ? {} : { answerText }),
          };
        }
        case 'failed':
          response.destroy();
          // The status lets fetchFirst decide whether another RSSHub instance may do better.
          throw new FeedmillError(decision.code, decision.message, { status: response.statusCode ?? 0 });
        case 'read-body': {
          const body = (
            await readBody(response, {
              maxBytes: options.maxBytes,
              timeoutMs: options.timeoutMs,
              url: current,
              deadline,
              exchange,
            })
          ).take();
          const result: FetchResult = {
            kind: 'fetched',
            body,
            url: current,
            validators: validatorsOf(response).validators ?? {},
            ...moved,
            ...freshness(response),
          };
          const contentType = response.headers['content-type'];
          if (contentType) result.contentType = contentType;
          return result;
        }
      }
    }
  } catch (error) {
    // Verdicts made on the way (a cut body, a connect timeout, a refusal) already name the URL and cause.
    if (error instanceof FeedmillError) throw error;
    if (deadline.passed) {
      throw new FeedmillError(
        'FETCH_TIMEOUT',
        `no complete answer from ${current} within ${options.timeoutMs / 1000} s`,
      );
    }
    throw transportFailure(error, current);
  } finally {
    clearTimeout(timer);
  }
}

/** The most of an error answer read as text (RSSHub's error page is a few KiB). */
const ANSWER_TEXT_BYTES = 256 * 1024;

/**
 * The text of a 429 or 503 answer when it is an HTML, JSON or plain text page of at most
 * ANSWER_TEXT_BYTES (decompressed): what the server said of why, read only for a request that
 * asks (`keepAnswerText`: RSSHub names the route's own failure there). Anything else, or a body
 * that fails or runs over, gives none: the answer stands without it.
 */
async function readAnswerText(
  response: IncomingMessage,
  context: Omit<BodyContext, 'maxBytes'>,
): Promise<string | undefined> {
  const type = response.headers['content-type'] ?? '';
  if (!/^\s*(?:text\/|application\/(?:[\w.+-]*\+)?json\b)/i.test(type)) {
    response.destroy();
    return undefined;
  }
  try {
    const bytes = (await readBody(response, { ...context, maxBytes: ANSWER_TEXT_BYTES })).take();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  } catch {
    response.destroy();
    return undefined;
  }
}

/** Checks a hop's URL before connecting: http(s) only, and no private IP literal when refused. */
function checkTarget(url: string, connections: Connections): URL {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new FeedmillError('FETCH_REFUSED', `not an http(s) URL: ${url}`);
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (connections.refusing && isIP(host) && connections.refusing.isPrivate(host)) {
    throw new FeedmillError('FETCH_REFUSED', `${url} is a private address; refused (http.refuse_private)`);
  }
  return target;
}

/** A fetch's total deadline: whether it passed, and the request in flight, destroyed when it does. */
interface Deadline {
  passed: boolean;
  current?: http.ClientRequest;
}

function request(
  target: URL,
  headers: Record<string, string>,
  deadline: Deadline,
  options: FetchOptions,
  connections: Connections,
  exchange: Exchange,
  freshConnection = false,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (deadline.passed) {
      reject(new Error('deadline passed before the request'));
      return;
    }
    const secure = target.protocol === 'https:';
    const requestOptions: http.RequestOptions = {
      method: 'GET',
      headers,
      // `false` opens a connection of its own, used once: a retry must not meet another stale one.
      agent: freshConnection ? false : secure ? connections.agents['https:'] : connections.agents['http:'],
    };
    if (connections.refusing) requestOptions.lookup = connections.refusing.lookup;
    const req = (secure ? https : http).request(target, requestOptions, (response) => {
      exchange.response = response;
      resolve(response);
    });
    deadline.current = req;
    let responseStarted = false;
    req.on('error', (error) => {
      const stale = isStaleConnectionFailure({
        reusedSocket: req.reusedSocket,
        responseStarted,
        code: (error as NodeJS.ErrnoException).code,
      });
      if (stale && !freshConnection && !deadline.passed) {
        // The server closed the idle kept-alive connection as the GET went out: send it once more.
        resolve(request(target, headers, deadline, options, connections, exchange, true));
        return;
      }
      // An error after the headers but before the message is complete ends its body early;
      // one after it (bytes beyond a Content-Length) leaves the framed body whole.
      if (!exchange.response?.complete) exchange.error ??= error;
      reject(error);
    });
    req.on('socket', (socket) => {
      // Any byte back, even part of a status line, means the answer began: no retry after that.
      const started = () => {
        responseStarted = true;
      };
      socket.once('data', started);
      req.once('close', () => socket.off('data', started));
      if (!socket.connecting) return;
      const timer = setTimeout(() => {
        req.destroy(
          new FeedmillError(
            'FETCH_TIMEOUT',
            `cannot connect to ${target.host} within ${options.connectTimeoutMs / 1000} s`,
          ),
        );
      }, options.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.end();
  });
}

/** dns.lookup that fails when any resolved address is private: checked on every hop's connection. */
const refusingLookup = (isPrivate: (address: string) => boolean) =>
  ((hostname: string, lookupOptions: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => isPrivate(entry.address));
      if (refused) {
        const message = `${hostname} resolves to the private address ${refused.address}; refused (http.refuse_private)`;
        return callback(
          new FeedmillError('FETCH_REFUSED', message) as unknown as NodeJS.ErrnoException,
          '',
          0,
        );
      }
      if ((lookupOptions as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** What happened on a request's connection after its headers arrived. */
interface Exchange {
  response?: IncomingMessage;
  /** The first error the request reported before its message was complete (a reset, a parse error). */
  error?: Error;
}

/** What readBody needs besides the response. */
interface BodyContext {
  maxBytes: number;
  timeoutMs: number;
  url: string;
  /** The fetch's total deadline. */
  deadline: Deadline;
  exchange: Exchange;
}

/**
 * Reads the body through the decoders Content-Encoding names, stopping at `maxBytes` decoded
 * bytes. A body without Content-Length or chunked framing ends when the connection closes
 * (RFC 9112 §6.3 item 8), and Node then reports it complete even when the connection was reset
 * or destroyed by the deadline; so the connection's own errors and the deadline are checked
 * after the last byte, and any of them fails the fetch instead of returning a truncated feed.
 */
function readBody(response: IncomingMessage, context: BodyContext): Promise<BodyBytes> {
  const { maxBytes, url } = context;
  const decoders = decodersFor(response.headers['content-encoding']);
  const declared = Number(response.headers['content-length']);
  if (decoders.length === 0 && declared > maxBytes) {
    response.destroy();
    return Promise.reject(
      new FeedmillError(
        'FETCH_TOO_LARGE',
        `response from ${url} declares ${declared} bytes, over ${maxBytes}`,
      ),
    );
  }
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(null, chunk);
    },
  });
  const body = new BodyBytes(decoders.length === 0 ? declared : Number.NaN);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (body.length + chunk.length > maxBytes) {
        callback(
          new FeedmillError(
            'FETCH_TOO_LARGE',
            `response from ${url} is larger than ${maxBytes} bytes (decoded)`,
          ),
        );
        return;
      }
      body.add(chunk);
      callback();
    },
  });
  return new Promise((resolve, reject) => {
    pipeline([response, counter, ...decoders, sink], (error) => {
      const verdict = bodyVerdict(error ?? undefined, received, context);
      if (verdict) reject(verdict);
      else resolve(body);
    });
  });
}

/**
 * A body's bytes, held once: with a Content-Length (and no content coding) they are copied into
 * one buffer of that size as they arrive; otherwise the chunks are kept and copied together at
 * the end. (Concatenating and then copying into a Uint8Array held a 50 MB feed three times.)
 */
class BodyBytes {
  #exact: Buffer | undefined;
  #chunks: Buffer[] = [];
  length = 0;

  constructor(declared: number) {
    // Unpooled, so the bytes own their ArrayBuffer as a copied Uint8Array did.
    if (Number.isSafeInteger(declared) && declared > 0) this.#exact = Buffer.allocUnsafeSlow(declared);
  }

  add(chunk: Buffer): void {
    const exact = this.#exact;
    if (exact !== undefined && this.length + chunk.length > exact.length) {
      // More than declared (the HTTP parser does not allow it, but nothing is lost if it did).
      this.#chunks.push(exact.subarray(0, this.length));
      this.#exact = undefined;
    }
    if (this.#exact !== undefined) chunk.copy(this.#exact, this.length);
    else this.#chunks.push(chunk);
    this.length += chunk.length;
  }

  /**
   * The bytes, given up: the holder keeps no reference to them. The holder is what readBody's
   * promise resolves to, and that promise stays reachable as long as the response does (through
   * the error listener pipeline leaves on it), which on a kept-alive socket is until the socket's
   * next request: a 50 MB body resolved directly stayed in memory while its items were written.
   */
  take(): Uint8Array {
    let whole = this.#exact;
    this.#exact = undefined;
    if (whole === undefined) {
      whole = Buffer.allocUnsafeSlow(this.length);
      let at = 0;
      for (const chunk of this.#chunks) at += chunk.copy(whole, at);
      this.#chunks = [];
    }
    return new Uint8Array(whole.buffer, whole.byteOffset, this.length);
  }
}

/** Why a body read failed (or seemed to succeed but was cut), or nothing when it is whole. */
function bodyVerdict(
  error: Error | undefined,
  received: number,
  context: BodyContext,
): FeedmillError | undefined {
  if (error instanceof FeedmillError) return error;
  const { url } = context;
  const cut = `body cut short after ${received} bytes`;
  if (context.deadline.passed) {
    return new FeedmillError(
      'FETCH_TIMEOUT',
      `no complete answer from ${url} within ${context.timeoutMs / 1000} s: ${cut}`,
      {},
      { cause: error ?? context.exchange.error },
    );
  }
  // The connection's own error says more than the stream's "aborted"/premature close it causes.
  const cause = context.exchange.error ?? error;
  if (!cause) return undefined;
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('HPE_')) return malformedResponse(cause, url);
  if (code === 'Z_BUF_ERROR') {
    // zlib's default finishFlush (Z_FINISH, BROTLI_OPERATION_FINISH) reports a compressed
    // stream that stops before its end (gzip/zlib trailer, brotli last block) this way.
    return new FeedmillError(
      'FETCH_FAILED',
      `cannot fetch ${url}: ${cut} (the compressed stream ends before its end)`,
      {},
      { cause },
    );
  }
  // zlib names bad gzip/deflate data Z_DATA_ERROR; Node's brotli decoder names its errors after
  // BrotliDecoderErrorString, ERR__ERROR_FORMAT_* for bad data.
  if (code === 'Z_DATA_ERROR' || code.startsWith('ERR__ERROR_FORMAT_')) {
    return new FeedmillError(
      'FETCH_FAILED',
      `cannot fetch ${url}: corrupt compressed body (${code})`,
      {},
      { cause },
    );
  }
  return new FeedmillError(
    'FETCH_FAILED',
    `cannot fetch ${url}: ${cut}: the connection broke${code ? ` (${code})` : ''}`,
    {},
    { cause },
  );
}

/** A failure before the body: a connection error or an answer that is not HTTP. */
function transportFailure(error: unknown, url: string): FeedmillError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('HPE_')) return malformedResponse(error as Error, url);
  const detail = code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' ? 'the connection broke' : '';
  return new FeedmillError(
    'FETCH_FAILED',
    `cannot fetch ${url}: ${detail || (error as Error).message}${code ? ` (${code})` : ''}`,
    {},
    { cause: error },
  );
}

/** Node's HTTP parser (llhttp) rejected the answer: the server sent something that is not HTTP/1.1. */
function malformedResponse(error: Error, url: string): FeedmillError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const what = CHUNKED_ERRORS.has(code)
    ? `invalid chunked encoding from ${url}`
    : `malformed HTTP response from ${url}: ${(error as { reason?: string }).reason ?? error.message}`;
  return new FeedmillError('FETCH_FAILED', `${what} (${code})`, {}, { cause: error });
}

/** llhttp's codes for a broken chunked body (RFC 9112 §7.1). */
const CHUNKED_ERRORS = new Set([
  'HPE_INVALID_CHUNK_SIZE',
  'HPE_CHUNK_EXTENSIONS_OVERFLOW',
  'HPE_INVALID_TRANSFER_ENCODING',
]);

/**
 * Content codings (RFC 9110 §8.4.1) are listed in the order applied, so they are undone in
 * reverse. A coding feedmill does not know passes the bytes through, as Fetch (§4.4 "handle
 * content codings"), browsers, Go and Miniflux do: the unknown names servers really send are
 * labels of nothing (PHP's `none`, S3's `UTF-8`, Ceph's `aws-chunked`) on a plain body, and bytes
 * of a real coding feedmill never asked for fail as "not a feed" when parsed.
 */
function decodersFor(header: string | undefined): Transform[] {
  if (!header) return [];
  const decoders: Transform[] = [];
  for (const coding of header.split(',').reverse()) {
    switch (coding.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        decoders.push(zlib.createGunzip({ finishFlush: zlib.constants.Z_FINISH }));
        break;
      case 'deflate':
        decoders.push(createDeflateDecoder());
        break;
      case 'br':
        decoders.push(zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FINISH }));
        break;
    }
  }
  return decoders;
}
