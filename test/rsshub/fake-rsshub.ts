import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The /api/namespace fixture (a few dozen routes in several categories). */
export const NAMESPACE_JSON = readFileSync(new URL('./fixtures/namespace.json', import.meta.url), 'utf8');

/** A fake RSSHub instance on 127.0.0.1: its base URL, the requests it saw, and a stop switch. */
export interface FakeRsshub {
  url: string;
  /** Request paths with query, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** How the fake behaves: `status` makes every answer fail with it; `key` demands that access key. */
export interface FakeRsshubOptions {
  status?: number;
  key?: string;
  namespace?: string;
  /** Status of /api/namespace alone (an instance too old or too locked down to list its routes). */
  namespaceStatus?: number;
  /** Route path → feed body served instead of the generated one. */
  feeds?: Readonly<Record<string, string>>;
  /** Answer 503 to this many requests before behaving (an instance that recovers). */
  failFirst?: number;
  /** The /api/radar/rules answer (default: the radar-rules.json fixture). */
  radar?: string;
  /** Serve RSSHub's welcome page at `/` with this Git hash in its debug info. */
  gitHash?: string;
  /** Route paths that fail as RSSHub answers a failing route: 503 with its error page. */
  brokenRoutes?: readonly string[];
}

/** The /api/radar/rules fixture, in the format RSSHub serves. */
export const RADAR_JSON = readFileSync(new URL('./fixtures/radar-rules.json', import.meta.url), 'utf8');

/**
 * Starts an instance that serves /api/namespace and, for every route path, a small RSS 2.0
 * feed whose single item names the path (so tests see which route was fetched).
 */
export async function startFakeRsshub(options: FakeRsshubOptions = {}): Promise<FakeRsshub> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (options.failFirst !== undefined && options.failFirst > 0) {
      options.failFirst--;
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('overloaded');
      return;
    }
    if (options.brokenRoutes?.includes(url.pathname)) {
      // The shape of RSSHub's error view (lib/views/error.tsx), message escaped as JSX does.
      response.writeHead(503, { 'content-type': 'text/html; charset=UTF-8' });
      response.end(
        '<!DOCTYPE html><html><head><title>RSSHub</title></head><body><div class="w-full">' +
          '<h1 class="text-4xl font-bold">Looks like something went wrong</h1>' +
          '<p class="message">Error Message:<br><code class="mt-2 block">FetchError: [GET] &quot;https://site.example/list&quot;: 403 Forbidden</code></p>' +
          `<p class="message">Route: <code class="ml-2">${url.pathname}</code></p></div></body></html>`,
      );
      return;
    }
    if (options.status !== undefined) {
      response.writeHead(options.status, { 'content-type': 'text/plain' });
      response.end('instance failure');
      return;
    }
    if (options.key !== undefined && url.searchParams.get('key') !== options.key) {
      response.writeHead(403, { 'content-type': 'text/plain' });
      response.end('Authentication failed. Access denied.');
      return;
    }
    if (url.pathname === '/api/namespace' && options.namespaceStatus !== undefined) {
      response.writeHead(options.namespaceStatus, { 'content-type': 'text/plain' });
      response.end('no catalogue here');
      return;
    }
    if (url.pathname === '/api/namespace') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(options.namespace ?? NAMESPACE_JSON);
      return;
    }
    if (url.pathname === '/api/radar/rules') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(options.radar ?? RADAR_JSON);
      return;
    }
    if (url.pathname === '/' && options.gitHash !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<html><head><title>Welcome to RSSHub!</title></head><body><details><summary>Debug Info</summary>` +
          `<div class="debug-item"><span class="debug-key">Git Hash: </span><span class="debug-value"><a href="#">${options.gitHash}</a></span></div>` +
          `<div class="debug-item"><span class="debug-key">Git Date: </span><span class="debug-value">Sun, 06 Dec 2026 10:00:00 GMT</span></div>` +
          `</details></body></html>`,
      );
      return;
    }
    if (url.pathname.startsWith('/missing')) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    response.end(options.feeds?.[url.pathname] ?? feedFor(url.pathname));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function feedFor(path: string): string {
  const escaped = path.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Feed of ${escaped}</title><link>https://example.com${escaped}</link><description>fake</description>
<item><title>Item from ${escaped}</title><link>https://example.com${escaped}/1</link>
<guid isPermaLink="false">${escaped}#1</guid><pubDate>Thu, 16 Dec 2021 06:21:53 GMT</pubDate>
<description><![CDATA[<p>Body of ${escaped}</p><img src="https://img.example.com/a.jpg">]]></description></item>
</channel></rss>`;
}
