import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Transform, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { FeedmillError } from '../errors.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch-result.ts';
import { interpretResponse } from './interpret-response.ts';
import { isPrivateAddress } from './private-address.ts';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** An HTTP(S) client with its own keep-alive connections; close it when the run ends. */
export interface HttpClient {
  get(url: string, validators: Validators): Promise<FetchResult>;
  close(): void;
}

/**
 * Creates the client: node:http with a total deadline per fetch (redirects and body
 * included), a connect timeout per hop, a body cap counted after decompression, manual
 * redirects (each hop checked) and, optionally, refusal of private addresses.
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
    get: (url, validators) => fetchHttp(url, validators, options, connections),
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
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
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  let current = url;
  try {
    let hops = 0;
    let allPermanent = true;
    for (;;) {
      const target = checkTarget(current, connections);
      const response = await request(target, headers, controller.signal, options, connections);
      const decision = interpretResponse(
        {
          status: response.statusCode ?? 0,
          ...(typeof response.headers.location === 'string' ? { location: response.headers.location } : {}),
          ...(typeof response.headers['retry-after'] === 'string'
            ? { retryAfter: response.headers['retry-after'] }
            : {}),
        },
        current,
        new Date(),
      );
      const moved = hops > 0 && allPermanent ? { movedTo: current } : {};
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
          allPermanent &&= decision.permanent;
          current = decision.location;
          continue;
        case 'not-modified':
          response.resume();
          return { kind: 'not-modified', url: current, ...moved };
        case 'gone':
          response.destroy();
          return { kind: 'gone', url: current };
        case 'retry-later':
          response.destroy();
          return {
            kind: 'retry-later',
            url: current,
            status: response.statusCode ?? 0,
            ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
          };
        case 'failed':
          response.destroy();
          // The status lets fetchFirst decide whether another RSSHub instance may do better.
          throw new FeedmillError(decision.code, decision.message, { status: response.statusCode ?? 0 });
        case 'read-body': {
          const body = await readBody(response, options.maxBytes, current);
          const result: FetchResult = { kind: 'fetched', body, url: current, validators: {}, ...moved };
          const contentType = response.headers['content-type'];
          if (contentType) result.contentType = contentType;
          const etag = response.headers.etag;
          if (etag) result.validators.etag = etag;
          const lastModified = response.headers['last-modified'];
          if (lastModified) result.validators.lastModified = lastModified;
          return result;
        }
      }
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new FeedmillError(
        'FETCH_TIMEOUT',
        `no complete answer from ${current} within ${options.timeoutMs / 1000} s`,
      );
    }
    if (error instanceof FeedmillError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' ? 'the connection broke' : '';
    throw new FeedmillError(
      'FETCH_FAILED',
      `cannot fetch ${current}: ${detail || (error as Error).message}${code ? ` (${code})` : ''}`,
      {},
      { cause: error },
    );
  } finally {
    clearTimeout(deadline);
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

function request(
  target: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  options: FetchOptions,
  connections: Connections,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = target.protocol === 'https:';
    const requestOptions: http.RequestOptions = {
      method: 'GET',
      headers,
      signal,
      agent: secure ? connections.agents['https:'] : connections.agents['http:'],
    };
    if (connections.refusing) requestOptions.lookup = connections.refusing.lookup;
    const req = (secure ? https : http).request(target, requestOptions, resolve);
    req.on('error', reject);
    req.on('socket', (socket) => {
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

/** Reads the body through the decoders Content-Encoding names, stopping at `maxBytes` decoded bytes. */
function readBody(response: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  let decoders: Transform[];
  try {
    decoders = decodersFor(response.headers['content-encoding'], url);
  } catch (error) {
    response.destroy();
    return Promise.reject(error);
  }
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
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(
          new FeedmillError(
            'FETCH_TOO_LARGE',
            `response from ${url} is larger than ${maxBytes} bytes (decoded)`,
          ),
        );
        return;
      }
      chunks.push(chunk);
      callback();
    },
  });
  return new Promise((resolve, reject) => {
    pipeline([response, ...decoders, sink], (error) => {
      if (error) reject(error);
      else resolve(new Uint8Array(Buffer.concat(chunks, total)));
    });
  });
}

/** Content codings (RFC 9110 §8.4.1) are listed in the order applied, so they are undone in reverse. */
function decodersFor(header: string | undefined, url: string): Transform[] {
  if (!header) return [];
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip();
      case 'deflate':
        // RFC 9110 §8.4.1.2: "deflate" is the zlib format (RFC 1950).
        return zlib.createInflate();
      case 'br':
        return zlib.createBrotliDecompress();
      default:
        throw new FeedmillError('FETCH_FAILED', `${url} uses the unsupported content coding "${coding}"`);
    }
  });
}
