import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { FeedmillError } from '../../src/errors.ts';
import {
  createFetcher,
  DEFAULT_FETCH_OPTIONS,
  type FeedRequest,
  type FetchOptions,
} from '../../src/fetch/index.ts';
import {
  badChunkSize,
  cachedFeed,
  closeDelimited,
  type FeedServer,
  gzipBomb,
  okFeed,
  rawAnswer,
  resetMidBody,
  silent,
  slowDrip,
  startFeedServer,
  statusOnly,
  wrongLength,
} from './feed-server.ts';
import { startUnansweredPort } from './unanswered-port.ts';

const FEED = '<rss version="2.0"><channel><title>t</title></channel></rss>';
const OPTIONS: FetchOptions = {
  ...DEFAULT_FETCH_OPTIONS,
  timeoutMs: 800,
  connectTimeoutMs: 500,
  maxBytes: 64 * 1024,
  userAgent: 'feedmill/test',
};

let server: FeedServer;
before(async () => {
  server = await startFeedServer();
});
after(() => server.close());

async function get(
  path: string,
  validators = {},
  options: Partial<FetchOptions> = {},
  request: FeedRequest = {},
) {
  const fetcher = createFetcher({ ...OPTIONS, ...options });
  try {
    return await fetcher.fetch({ kind: 'http', url: server.url(path) }, validators, request);
  } finally {
    fetcher.close?.();
  }
}

async function failure(promise: Promise<unknown>): Promise<FeedmillError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FeedmillError, `expected a FeedmillError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the fetch to fail');
}

test('a 200 returns the body, the validators and sends the User-Agent', async () => {
  server.routes.set('/etag', cachedFeed(FEED, '"v1"', 'Tue, 01 Dec 2026 10:00:00 GMT'));
  const result = await get('/etag');
  assert.equal(result.kind, 'fetched');
  if (result.kind !== 'fetched') return;
  assert.equal(Buffer.from(result.body).toString(), FEED);
  assert.deepEqual(result.validators, { etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
  const seen = server.seen.findLast((request) => request.path === '/etag');
  assert.equal(seen?.headers['user-agent'], 'feedmill/test');
  assert.equal(seen?.headers['if-none-match'], undefined);
});

test('conditional GET sends If-None-Match and If-Modified-Since and maps 304 to not-modified', async () => {
  server.routes.set('/etag304', cachedFeed(FEED, '"v2"', 'Tue, 01 Dec 2026 10:00:00 GMT'));
  const result = await get('/etag304', { etag: '"v2"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
  assert.equal(result.kind, 'not-modified');
  const seen = server.seen.findLast((request) => request.path === '/etag304');
  assert.equal(seen?.headers['if-none-match'], '"v2"');
  assert.equal(seen?.headers['if-modified-since'], 'Tue, 01 Dec 2026 10:00:00 GMT');
});

test('a chain of permanent redirects reports the new URL; a temporary hop does not', async () => {
  server.routes.set('/moved', statusOnly(301, { location: '/moved2' }));
  server.routes.set('/moved2', statusOnly(308, { location: '/final' }));
  server.routes.set('/final', okFeed(FEED));
  server.routes.set('/temp', statusOnly(302, { location: '/moved2' }));
  const moved = await get('/moved');
  assert.equal(moved.kind, 'fetched');
  if (moved.kind === 'fetched') assert.equal(moved.movedTo, server.url('/final'));
  const temp = await get('/temp');
  assert.equal(temp.kind, 'fetched');
  if (temp.kind === 'fetched') {
    assert.equal(temp.movedTo, undefined);
    assert.equal(temp.url, server.url('/final'));
  }
});

test('a permanent hop followed by a temporary one stores the permanent target', async () => {
  // http → https is permanent; the https URL then sends readers on to a CDN for now.
  server.routes.set('/old-home', statusOnly(301, { location: '/new-home' }));
  server.routes.set('/new-home', statusOnly(302, { location: '/final' }));
  server.routes.set('/final', okFeed(FEED));
  const result = await get('/old-home');
  assert.equal(result.kind, 'fetched');
  if (result.kind === 'fetched') {
    assert.equal(result.url, server.url('/final'));
    assert.equal(result.movedTo, server.url('/new-home'));
  }
  // A temporary first hop leaves the configured URL standing, whatever follows.
  server.routes.set('/for-now', statusOnly(307, { location: '/old-home' }));
  const temporary = await get('/for-now');
  assert.equal(temporary.kind === 'fetched' && temporary.movedTo, undefined);
});

test('a Location sent as raw UTF-8 bytes leads to that path, percent-encoded once', async () => {
  const head = 'HTTP/1.1 301 Moved Permanently\r\ncontent-length: 0\r\nlocation: ';
  server.routes.set('/utf8-move', rawAnswer(Buffer.from(`${head}/文章/feed\r\n\r\n`)));
  server.routes.set('/%E6%96%87%E7%AB%A0/feed', okFeed(FEED));
  const result = await get('/utf8-move');
  assert.equal(result.kind, 'fetched');
  if (result.kind === 'fetched') assert.equal(result.movedTo, server.url('/%E6%96%87%E7%AB%A0/feed'));
});

test('more than 5 redirects fail', async () => {
  for (let hop = 0; hop < 7; hop++)
    server.routes.set(`/loop${hop}`, statusOnly(302, { location: `/loop${hop + 1}` }));
  server.routes.set('/loop7', okFeed(FEED));
  const error = await failure(get('/loop0'));
  assert.equal(error.code, 'FETCH_TOO_MANY_REDIRECTS');
  server.routes.set('/short0', statusOnly(301, { location: '/loop3' }));
  assert.equal((await get('/short0')).kind, 'fetched');
});

test('410 is gone; 429 and 503 carry Retry-After in seconds or as an HTTP-date, capped at a day', async () => {
  server.routes.set('/gone', statusOnly(410));
  assert.equal((await get('/gone')).kind, 'gone');
  server.routes.set('/busy', statusOnly(429, { 'retry-after': '120' }));
  assert.deepEqual(await get('/busy'), {
    kind: 'retry-later',
    url: server.url('/busy'),
    status: 429,
    retryAfterMs: 120_000,
  });
  server.routes.set('/down', statusOnly(503, { 'retry-after': 'Fri, 31 Dec 2099 23:59:59 GMT' }));
  const down = await get('/down');
  assert.equal(down.kind, 'retry-later');
  if (down.kind === 'retry-later') assert.equal(down.retryAfterMs, 24 * 3600 * 1000);
  server.routes.set('/nohint', statusOnly(503));
  const noHint = await get('/nohint');
  assert.equal(noHint.kind === 'retry-later' && noHint.retryAfterMs, undefined);
});

test("asked for, a 429 or 503 page's text comes with the answer, within a cap, when it is text", async () => {
  const asked = { keepAnswerText: true };
  const page = '<!DOCTYPE html><h1>Looks like something went wrong</h1><p>Error Message: <code>x</code></p>';
  server.routes.set('/page', (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
    response.end(gzipSync(page));
  });
  const answered = await get('/page', {}, {}, asked);
  assert.equal(answered.kind === 'retry-later' && answered.answerText, page);
  server.routes.set('/json', (_request, response) => {
    response.writeHead(429, { 'content-type': 'application/json' }).end('{"error":{"message":"slow down"}}');
  });
  const json = await get('/json', {}, {}, asked);
  assert.equal(json.kind === 'retry-later' && json.answerText, '{"error":{"message":"slow down"}}');
  // Not text, or more than 256 KiB: the answer stands without it.
  server.routes.set('/image', (_request, response) => {
    response.writeHead(503, { 'content-type': 'image/png' }).end(randomBytes(64));
  });
  const image = await get('/image', {}, {}, asked);
  assert.equal(image.kind, 'retry-later');
  assert.equal(image.kind === 'retry-later' && image.answerText, undefined);
  server.routes.set('/huge', (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/html' }).end('x'.repeat(300 * 1024));
  });
  const huge = await get('/huge', {}, {}, asked);
  assert.equal(huge.kind === 'retry-later' && huge.status, 503);
  assert.equal(huge.kind === 'retry-later' && huge.answerText, undefined);
});

test('a plain fetch discards a 429 or 503 page unread: no text is kept', async () => {
  const page = '<!DOCTYPE html><h1>Looks like something went wrong</h1><p>Error Message: <code>x</code></p>';
  server.routes.set('/plain-page', (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  const plain = await get('/plain-page');
  assert.equal(plain.kind, 'retry-later');
  assert.equal('answerText' in plain, false);
  // A page that never ends is not waited for: the answer comes at once, not at the deadline.
  server.routes.set('/endless-page', (_request, response) => {
    response.writeHead(429, { 'content-type': 'text/html' });
    response.write('<p>slow down');
  });
  const started = performance.now();
  const endless = await get('/endless-page', {}, { timeoutMs: 5000 });
  assert.equal(endless.kind === 'retry-later' && endless.status, 429);
  assert.ok(performance.now() - started < 2500, 'the body was not read');
});

test('other statuses fail with the status in the message', async () => {
  server.routes.set('/teapot', statusOnly(500));
  const error = await failure(get('/teapot'));
  assert.equal(error.code, 'FETCH_HTTP_STATUS');
  assert.match(error.message, /HTTP 500/);
});

test('a slow drip cannot escape the total deadline', async () => {
  server.routes.set('/drip', slowDrip(50));
  const started = Date.now();
  const error = await failure(get('/drip', {}, { timeoutMs: 400 }));
  assert.equal(error.code, 'FETCH_TIMEOUT');
  assert.ok(Date.now() - started < 1500, 'the deadline held');
});

test('a server that never answers times out', async () => {
  server.routes.set('/silent', silent());
  const error = await failure(get('/silent', {}, { timeoutMs: 300 }));
  assert.equal(error.code, 'FETCH_TIMEOUT');
});

test('a host that never completes the TCP handshake fails at the connect timeout, before the deadline', async () => {
  const unanswered = await startUnansweredPort();
  const fetcher = createFetcher({ ...OPTIONS, connectTimeoutMs: 300, timeoutMs: 10_000 });
  try {
    const started = Date.now();
    const error = await failure(
      fetcher.fetch({ kind: 'http', url: `http://127.0.0.1:${unanswered.port}/feed` }, {}),
    );
    const elapsed = Date.now() - started;
    assert.equal(error.code, 'FETCH_TIMEOUT');
    assert.match(error.message, /cannot connect to 127\.0\.0\.1:\d+ within 0\.3 s/);
    assert.ok(elapsed >= 250 && elapsed < 3000, `failed after ${elapsed} ms`);
  } finally {
    fetcher.close?.();
    unanswered.close();
  }
});

test('a reset in the middle of the body fails instead of returning a truncated feed', async () => {
  server.routes.set('/reset', resetMidBody('<rss version="2.0"><channel><title>half'));
  const error = await failure(get('/reset'));
  assert.equal(error.code, 'FETCH_FAILED');
});

const LONG_FEED = `<rss version="2.0"><channel><title>t</title>${'<item><title>x</title></item>'.repeat(100)}</channel></rss>`;

test('a close-delimited body ended by a reset fails, naming the URL and the bytes read', async () => {
  server.routes.set('/cd-reset', closeDelimited(LONG_FEED, 1000, 'reset', { etag: '"cut"' }));
  const error = await failure(get('/cd-reset'));
  assert.equal(error.code, 'FETCH_FAILED');
  assert.match(
    error.message,
    /\/cd-reset: body cut short after 1000 bytes: the connection broke \(ECONNRESET\)/,
  );
});

test('a close-delimited body still open at the deadline fails with FETCH_TIMEOUT', async () => {
  server.routes.set('/cd-stall', closeDelimited(LONG_FEED, 1000, 'stall'));
  const error = await failure(get('/cd-stall', {}, { timeoutMs: 300 }));
  assert.equal(error.code, 'FETCH_TIMEOUT');
  assert.match(
    error.message,
    /no complete answer from \S+\/cd-stall within 0\.3 s: body cut short after 1000 bytes/,
  );
});

test('a close-delimited body ended by a clean close is whole (RFC 9112 §6.3)', async () => {
  server.routes.set('/cd-close', closeDelimited(LONG_FEED, LONG_FEED.length, 'close'));
  const result = await get('/cd-close');
  assert.equal(result.kind === 'fetched' && Buffer.from(result.body).toString(), LONG_FEED);
});

test('a compressed body cut mid-stream fails even when the connection closes cleanly', async () => {
  const codings = [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const;
  for (const [coding, compress] of codings) {
    const packed = compress(LONG_FEED);
    // Cut just before the end: only the trailer (or the last block) is missing.
    for (const sent of [Math.floor(packed.length / 2), packed.length - 4]) {
      server.routes.set('/cd-zip', closeDelimited(packed, sent, 'close', { 'content-encoding': coding }));
      const error = await failure(get('/cd-zip'));
      assert.equal(error.code, 'FETCH_FAILED', coding);
      assert.match(error.message, new RegExp(`body cut short after ${sent} bytes`), coding);
    }
  }
});

test('an invalid chunk size is a malformed response, not a broken connection', async () => {
  server.routes.set('/bad-chunk', badChunkSize());
  const error = await failure(get('/bad-chunk'));
  assert.equal(error.code, 'FETCH_FAILED');
  assert.match(error.message, /^invalid chunked encoding from \S+\/bad-chunk \(HPE_INVALID_CHUNK_SIZE\)$/);
});

test('a chunked body whose connection closes cleanly before the last chunk fails', async () => {
  const head = 'HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ntransfer-encoding: chunked\r\n\r\n';
  server.routes.set('/chunk-cut', rawAnswer(`${head}14\r\n<rss version="2.0"><\r\n`));
  const error = await failure(get('/chunk-cut'));
  assert.equal(error.code, 'FETCH_FAILED');
  assert.match(error.message, /body cut short after \d+ bytes/);
});

test('an answer that is not HTTP/1.x fails as a malformed response', async () => {
  for (const answer of ['HTTP/1.1 2000 OK\r\n\r\n', 'ICY 200 OK\r\n\r\n', '<rss version="2.0"></rss>']) {
    server.routes.set('/not-http', rawAnswer(answer));
    const error = await failure(get('/not-http'));
    assert.equal(error.code, 'FETCH_FAILED', answer);
    assert.match(error.message, /^malformed HTTP response from \S+\/not-http: .* \(HPE_/, answer);
  }
});

test('a Content-Length larger than the body sent fails; a smaller one truncates to it', async () => {
  server.routes.set('/short', wrongLength(FEED, FEED.length + 100));
  assert.equal((await failure(get('/short'))).code, 'FETCH_FAILED');
  server.routes.set('/long', wrongLength(FEED, 10));
  const result = await get('/long');
  assert.equal(result.kind === 'fetched' && Buffer.from(result.body).toString(), FEED.slice(0, 10));
});

test('gzip, deflate and br bodies are decoded', async () => {
  server.routes.set('/gz', okFeed(gzipSync(FEED), { 'content-encoding': 'gzip' }));
  server.routes.set('/df', okFeed(deflateSync(FEED), { 'content-encoding': 'deflate' }));
  // Bare DEFLATE data under the name "deflate", as some servers send and browsers accept.
  server.routes.set('/raw', okFeed(deflateRawSync(FEED), { 'content-encoding': 'deflate' }));
  server.routes.set('/raw-long', okFeed(deflateRawSync(LONG_FEED), { 'content-encoding': 'deflate' }));
  server.routes.set('/br', okFeed(brotliCompressSync(FEED), { 'content-encoding': 'br' }));
  for (const path of ['/gz', '/df', '/raw', '/br']) {
    const result = await get(path);
    assert.equal(result.kind === 'fetched' && Buffer.from(result.body).toString(), FEED, path);
  }
  const long = await get('/raw-long', {}, { maxBytes: LONG_FEED.length });
  assert.equal(long.kind === 'fetched' && Buffer.from(long.body).toString(), LONG_FEED);
  // Big and barely compressible: the decoder waits for zlib to drain, many times over.
  const big = `<rss version="2.0"><channel><title>${randomBytes(1_500_000).toString('base64')}</title></channel></rss>`;
  server.routes.set('/raw-big', okFeed(deflateRawSync(big), { 'content-encoding': 'deflate' }));
  const bigResult = await get('/raw-big', {}, { maxBytes: 4 * 1024 * 1024, timeoutMs: 10_000 });
  assert.ok(bigResult.kind === 'fetched' && Buffer.from(bigResult.body).toString() === big, 'big raw body');
  // Not deflate data at all: a clear failure, not an empty feed.
  server.routes.set('/not-deflate', okFeed('plain text', { 'content-encoding': 'deflate' }));
  assert.equal((await failure(get('/not-deflate'))).code, 'FETCH_FAILED');
  const seen = server.seen.findLast((request) => request.path === '/br');
  assert.equal(seen?.headers['accept-encoding'], 'gzip, deflate, br');
});

test('a corrupt compressed body fails as corrupt, not as a broken connection', async () => {
  const brotli = brotliCompressSync(LONG_FEED);
  brotli[5]! ^= 0xff;
  const gzip = gzipSync(LONG_FEED);
  gzip[gzip.length - 6]! ^= 0xff; // the CRC-32 of the trailer
  for (const [coding, body] of [
    ['br', brotli],
    ['gzip', gzip],
  ] as const) {
    server.routes.set('/corrupt', okFeed(body, { 'content-encoding': coding }));
    const error = await failure(get('/corrupt'));
    assert.equal(error.code, 'FETCH_FAILED', coding);
    assert.match(error.message, /: corrupt compressed body \(/, coding);
  }
});

test('an unknown content coding passes the body through, as Fetch and browsers do', async () => {
  // Bogus labels met in the wild: PHP's "none", S3's "UTF-8", Ceph's "aws-chunked".
  for (const coding of ['none', 'UTF-8', 'aws-chunked']) {
    server.routes.set('/bogus-coding', okFeed(FEED, { 'content-encoding': coding }));
    const result = await get('/bogus-coding');
    assert.equal(result.kind === 'fetched' && Buffer.from(result.body).toString(), FEED, coding);
  }
  // Known codings around an unknown one are still undone.
  server.routes.set('/bogus-gzip', okFeed(gzipSync(FEED), { 'content-encoding': 'aws-chunked, gzip' }));
  const stacked = await get('/bogus-gzip');
  assert.equal(stacked.kind === 'fetched' && Buffer.from(stacked.body).toString(), FEED);
  // A coding feedmill cannot undo leaves bytes that fail as what they are, not a feed.
  server.routes.set(
    '/zstd',
    okFeed(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0]), { 'content-encoding': 'zstd' }),
  );
  const zstd = await get('/zstd');
  assert.deepEqual(zstd.kind === 'fetched' && [...zstd.body.subarray(0, 4)], [0x28, 0xb5, 0x2f, 0xfd]);
});

test('a gzip bomb stops at the size cap counted after decompression', async () => {
  server.routes.set('/bomb', gzipBomb(50 * 1024 * 1024));
  const before = process.memoryUsage().rss;
  const error = await failure(get('/bomb'));
  assert.equal(error.code, 'FETCH_TOO_LARGE');
  assert.ok(process.memoryUsage().rss - before < 40 * 1024 * 1024, 'did not inflate the whole bomb');
  server.routes.set('/big', okFeed(Buffer.alloc(65 * 1024, 0x20)));
  assert.equal((await failure(get('/big'))).code, 'FETCH_TOO_LARGE');
});

test('refuse_private refuses loopback addresses by literal and by name', async () => {
  server.routes.set('/ok', okFeed(FEED));
  const literal = await failure(get('/ok', {}, { refusePrivate: true }));
  assert.equal(literal.code, 'FETCH_REFUSED');
  const fetcher = createFetcher({ ...OPTIONS, refusePrivate: true });
  try {
    const port = new URL(server.url('/')).port;
    const named = await failure(fetcher.fetch({ kind: 'http', url: `http://localhost:${port}/ok` }, {}));
    assert.equal(named.code, 'FETCH_REFUSED');
  } finally {
    fetcher.close?.();
  }
  assert.equal((await get('/ok')).kind, 'fetched', 'allowed by default');
});

test('refuse_private checks every redirect hop: a public first hop cannot lead to a private address', async () => {
  // 127.0.0.1 plays a public host here; 127.0.0.2 stands for the private one it redirects to.
  const isPrivate = (address: string) => address.startsWith('127.') && address !== '127.0.0.1';
  const port = new URL(server.url('/')).port;
  server.routes.set('/ok', okFeed(FEED));
  server.routes.set('/to-private', statusOnly(302, { location: `http://127.0.0.2:${port}/ok` }));
  server.routes.set('/to-public', statusOnly(302, { location: '/ok' }));
  const refused = await failure(get('/to-private', {}, { refusePrivate: true, isPrivate }));
  assert.equal(refused.code, 'FETCH_REFUSED');
  assert.match(refused.message, /127\.0\.0\.2.*private address; refused \(http\.refuse_private\)/);
  assert.equal((await get('/to-public', {}, { refusePrivate: true, isPrivate })).kind, 'fetched');
});

test('the per-host limit holds requests to one host to at most two at once', async () => {
  let inFlight = 0;
  let peak = 0;
  server.routes.set('/slow', (_request, response) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      inFlight--;
      response.writeHead(200).end(FEED);
    }, 40);
  });
  const fetcher = createFetcher({ ...OPTIONS, perHost: 2, concurrency: 8 });
  try {
    await Promise.all(
      Array.from({ length: 6 }, () => fetcher.fetch({ kind: 'http', url: server.url('/slow') }, {})),
    );
  } finally {
    fetcher.close?.();
  }
  assert.equal(peak, 2);
});

test('a 200 or a 304 reports how long the server says it stays fresh (RFC 9111 §4.2)', async () => {
  const within = (value: number | undefined, seconds: number) =>
    // Node's server adds a Date of whole seconds: up to a second of apparent age, and a busy
    // machine may take a few more between the server's write and the client's reading.
    assert.ok(
      value !== undefined && value <= seconds * 1000 && value >= (seconds - 10) * 1000,
      `${value} ms is not about ${seconds} s`,
    );
  server.routes.set('/fresh', okFeed(FEED, { 'cache-control': 'public, max-age=600' }));
  const fresh = await get('/fresh');
  assert.equal(fresh.kind, 'fetched');
  if (fresh.kind === 'fetched') within(fresh.freshForMs, 600);
  server.routes.set('/aged', okFeed(FEED, { 'cache-control': 'max-age=600', age: '100' }));
  const aged = await get('/aged');
  if (aged.kind === 'fetched') within(aged.freshForMs, 500);
  else assert.fail(aged.kind);
  server.routes.set('/revalidate', okFeed(FEED, { 'cache-control': 'no-cache, max-age=600' }));
  const revalidate = await get('/revalidate');
  assert.equal(revalidate.kind === 'fetched' ? revalidate.freshForMs : 'not fetched', 0);
  // A 304's own Cache-Control freshens the stored answer (§4.3.4).
  server.routes.set('/same', statusOnly(304, { etag: '"v1"', 'cache-control': 'max-age=300' }));
  const same = await get('/same', { etag: '"v1"' });
  assert.equal(same.kind, 'not-modified');
  if (same.kind === 'not-modified') within(same.freshForMs, 300);
  // Nothing said (the Date header alone says nothing): nothing reported.
  server.routes.set('/plain', okFeed(FEED));
  const plain = await get('/plain');
  assert.equal(plain.kind === 'fetched' && 'freshForMs' in plain, false);
});
