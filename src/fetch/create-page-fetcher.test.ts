import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { createPageFetcher } from './create-page-fetcher.ts';
import { DEFAULT_FETCH_OPTIONS, type FetchOptions } from './fetch-result.ts';

const OPTIONS: FetchOptions = {
  ...DEFAULT_FETCH_OPTIONS,
  timeoutMs: 1000,
  connectTimeoutMs: 500,
  userAgent: 'feedmill/test',
  perHost: 1,
};

interface PageServer {
  base: string;
  seen: IncomingHttpHeaders[];
  /** Most requests this server had in flight at once. */
  peak: number;
  server: Server;
}

/** Requests in flight on every server together, and the most at once. */
const overall = { active: 0, peak: 0 };

async function startPageServer(handler: RequestListener): Promise<PageServer> {
  const state = { seen: [] as IncomingHttpHeaders[], peak: 0, active: 0 };
  const server = createServer((request, response) => {
    state.seen.push(request.headers);
    state.active++;
    overall.active++;
    state.peak = Math.max(state.peak, state.active);
    overall.peak = Math.max(overall.peak, overall.active);
    response.on('close', () => {
      state.active--;
      overall.active--;
    });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen: state.seen,
    get peak() {
      return state.peak;
    },
    server,
  };
}

const ARTICLE = '<!doctype html><title>A</title><article>text</article>';
const routes: RequestListener = (request, response) => {
  switch (request.url) {
    case '/article':
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
      return;
    case '/moved':
      response.writeHead(301, { location: '/article' }).end();
      return;
    case '/big':
      response.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(4096));
      return;
    case '/slow':
      setTimeout(() => response.writeHead(200).end('late'), 150);
      return;
    case '/hang':
      return;
    case '/limited':
      response.writeHead(429).end();
      return;
    default:
      response.writeHead(404).end('no');
  }
};

let one: PageServer;
let two: PageServer;
before(async () => {
  one = await startPageServer(routes);
  two = await startPageServer(routes);
});
after(() => {
  one.server.closeAllConnections();
  two.server.closeAllConnections();
  one.server.close();
  two.server.close();
});

async function failure(promise: Promise<unknown>): Promise<FeedmillError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FeedmillError, `expected a FeedmillError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the fetch to fail');
}

test('a page comes back with its final URL, type and body; HTML is asked for unless told', async () => {
  const pages = createPageFetcher(OPTIONS);
  try {
    const page = await pages.get(`${one.base}/moved`);
    assert.equal(page.url, `${one.base}/article`);
    assert.equal(page.contentType, 'text/html; charset=utf-8');
    assert.equal(Buffer.from(page.body).toString(), ARTICLE);
    assert.match(String(one.seen.at(-1)?.accept), /^text\/html/);
    assert.equal(one.seen.at(-1)?.['user-agent'], 'feedmill/test');
    await pages.get(`${one.base}/article`, { accept: 'image/*' });
    assert.equal(one.seen.at(-1)?.accept, 'image/*');
  } finally {
    pages.close();
  }
});

test('a non-2xx page is FETCH_HTTP_STATUS naming the URL and the status', async () => {
  const pages = createPageFetcher(OPTIONS);
  try {
    for (const [path, status] of [
      ['/missing', 404],
      ['/limited', 429],
    ] as const) {
      const error = await failure(pages.get(`${one.base}${path}`));
      assert.equal(error.code, 'FETCH_HTTP_STATUS');
      assert.equal(error.context.status, status);
      assert.ok(error.message.includes(`HTTP ${status}`), error.message);
      assert.ok(error.message.includes(`${one.base}${path}`), error.message);
    }
  } finally {
    pages.close();
  }
});

test('the size cap is overridable per call; the deadline holds', async () => {
  const pages = createPageFetcher({ ...OPTIONS, timeoutMs: 300 });
  try {
    assert.equal((await pages.get(`${one.base}/big`)).body.length, 4096);
    assert.equal((await failure(pages.get(`${one.base}/big`, { maxBytes: 1024 }))).code, 'FETCH_TOO_LARGE');
    assert.equal((await failure(pages.get(`${one.base}/hang`))).code, 'FETCH_TIMEOUT');
  } finally {
    pages.close();
  }
});

test('private addresses are refused when asked; a non-http URL is refused', async () => {
  const pages = createPageFetcher({ ...OPTIONS, refusePrivate: true });
  try {
    assert.equal((await failure(pages.get(`${one.base}/article`))).code, 'FETCH_REFUSED');
    assert.equal((await failure(pages.get('file:///etc/passwd'))).code, 'FETCH_REFUSED');
    assert.equal((await failure(pages.get('not a url'))).code, 'FETCH_REFUSED');
  } finally {
    pages.close();
  }
});

test('one page at a time per host, while another host is fetched alongside', async () => {
  const pages = createPageFetcher({ ...OPTIONS, concurrency: 8 });
  try {
    overall.peak = 0;
    await Promise.all([
      ...Array.from({ length: 3 }, () => pages.get(`${one.base}/slow`)),
      ...Array.from({ length: 3 }, () => pages.get(`${two.base}/slow`)),
    ]);
    assert.equal(one.peak, 1);
    assert.equal(two.peak, 1);
    assert.equal(overall.peak, 2);
  } finally {
    pages.close();
  }
});

test('a redirected page gives the first host its place back while it is on the next one', async () => {
  // The landing host answers only once the first host has served a page of its own, which
  // it can only do if the redirected page no longer holds the first host's one place.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const landing = await startPageServer((_request, response) => {
    void released.then(() => response.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE));
  });
  const first = await startPageServer((request, response) => {
    if (request.url === '/own') {
      release();
      response.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE);
    } else response.writeHead(302, { location: `${landing.base}/article` }).end();
  });
  const pages = createPageFetcher({ ...OPTIONS, concurrency: 8 });
  try {
    const redirected = pages.get(`${first.base}/away`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [page] = await Promise.all([redirected, pages.get(`${first.base}/own`)]);
    assert.equal(page.url, `${landing.base}/article`);
  } finally {
    pages.close();
    for (const { server } of [landing, first]) {
      server.closeAllConnections();
      server.close();
    }
  }
});
