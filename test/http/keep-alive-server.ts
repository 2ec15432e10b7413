import net, { type AddressInfo, type Socket } from 'node:net';

/** How the server drops a request it will not answer. */
export type Drop = 'close' | 'reset' | 'partial-head';

/** A raw loopback server keeping connections alive, counting connections and requests. */
export interface KeepAliveServer {
  url: string;
  /** TCP connections accepted so far. */
  connections: number;
  /** Request heads received so far, over all connections. */
  requests: number;
  close(): Promise<void>;
}

/**
 * Answers every GET with `body` and `connection: keep-alive`, except the requests whose 1-based
 * numbers (counted over the whole server) are in `dropped`: on those it ends the connection as
 * `drop` says the moment the request head arrives, as a server closing an idle connection
 * does when its close crosses the client's next request.
 */
export async function startKeepAliveServer(
  body: string,
  dropped: readonly number[],
  drop: Drop,
): Promise<KeepAliveServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, requests: 0 };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (data) => {
      pending += data.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        pending = pending.slice(end + 4);
        state.requests++;
        if (!dropped.includes(state.requests)) {
          const bytes = Buffer.from(body);
          socket.write(
            `HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ncontent-length: ${bytes.length}\r\nconnection: keep-alive\r\n\r\n`,
          );
          socket.write(bytes);
        } else if (drop === 'close') {
          socket.destroy();
        } else if (drop === 'reset') {
          socket.resetAndDestroy();
        } else {
          socket.write('HTTP/1.1 200 OK\r\ncontent-', () => setTimeout(() => socket.resetAndDestroy(), 20));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed.xml`,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
