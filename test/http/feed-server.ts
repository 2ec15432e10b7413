import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

/** One scripted answer of the loopback test server. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A request the server saw, for assertions on headers and counts. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

/** A loopback HTTP server on 127.0.0.1 and an ephemeral port, answering scripted routes. */
export interface FeedServer {
  url(path: string): string;
  routes: Map<string, Route>;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts the server; unknown paths answer 404. */
export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    seen.push({ path, headers: request.headers });
    const route = table.get(path);
    if (route) route(request, response);
    else response.writeHead(404).end('not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes: table,
    seen,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves a body with an ETag and Last-Modified, answering 304 to matching conditional requests. */
export function cachedFeed(body: string | Buffer, etag: string, lastModified: string): Route {
  return (request, response) => {
    const match = request.headers['if-none-match'] === etag;
    const since = request.headers['if-modified-since'];
    const notModified =
      match ||
      (request.headers['if-none-match'] === undefined && since !== undefined && since === lastModified);
    if (notModified) {
      response.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag,
        'last-modified': lastModified,
      })
      .end(body);
  };
}

/** A plain 200 answer. */
export function okFeed(body: string | Buffer, headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml', ...headers }).end(body);
  };
}

/** A bare status with headers and no body (301/308 with Location, 410, 429 with Retry-After…). */
export function statusOnly(status: number, headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(status, headers).end();
  };
}

/** Sends the body one small chunk every `intervalMs`, forever: a slow drip that never finishes. */
export function slowDrip(intervalMs: number): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.write('<rss version="2.0"><channel>');
    const timer = setInterval(() => response.write(' '), intervalMs);
    response.on('close', () => clearInterval(timer));
  };
}

/** Never answers at all (the headers never come). */
export function silent(): Route {
  return () => {};
}

/** Declares a Content-Length, sends part of the body, then resets the connection. */
export function resetMidBody(body: string): Route {
  return (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/rss+xml',
      'content-length': String(body.length * 2),
    });
    response.write(body, () => setTimeout(() => response.socket?.destroy(), 20));
  };
}

/** A small gzip body that inflates to `decodedBytes` of zeros. */
export function gzipBomb(decodedBytes: number): Route {
  const bomb = gzipSync(Buffer.alloc(decodedBytes, 0x20), { level: 9 });
  return (_request, response) => {
    response
      .writeHead(200, {
        'content-type': 'application/rss+xml',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      })
      .end(bomb);
  };
}

/** Sends `body` with an explicit, wrong Content-Length on a raw socket (Node's server would refuse). */
export function wrongLength(body: string, declared: number): Route {
  return (request) => {
    const socket = request.socket;
    socket.write(
      `HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ncontent-length: ${declared}\r\nconnection: close\r\n\r\n${body}`,
    );
    socket.end();
  };
}

/** How a close-delimited answer stops: a reset (RST), a stall (until the client gives up) or a clean close. */
export type CutEnd = 'reset' | 'stall' | 'close';

/**
 * Answers with neither Content-Length nor chunked framing (the body ends when the connection
 * closes, RFC 9112 §6.3), sends the first `sentBytes` of `body`, then ends as `end` says.
 */
export function closeDelimited(
  body: Buffer | string,
  sentBytes: number,
  end: CutEnd,
  headers: Record<string, string> = {},
): Route {
  const bytes = Buffer.from(body);
  const head = Object.entries({ 'content-type': 'application/rss+xml', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (request) => {
    const socket = request.socket;
    socket.write(`HTTP/1.1 200 OK\r\n${head}connection: close\r\n\r\n`);
    socket.write(bytes.subarray(0, sentBytes), () => {
      // A pause so the client has read the part before the connection ends.
      setTimeout(() => {
        if (end === 'reset') socket.resetAndDestroy();
        else if (end === 'close') socket.end();
      }, 30);
    });
  };
}

/** A chunked answer whose second chunk size is not hexadecimal (RFC 9112 §7.1). */
export function badChunkSize(): Route {
  return (request) => {
    request.socket.write(
      'HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ntransfer-encoding: chunked\r\n\r\n' +
        '5\r\n<rss>\r\nzz\r\n</rss>\r\n0\r\n\r\n',
    );
  };
}

/** Writes `bytes` as the whole answer on the raw socket and closes it (for bytes Node's server would not send). */
export function rawAnswer(bytes: Buffer | string): Route {
  return (request) => {
    request.socket.end(bytes);
  };
}
