import { spawn } from 'node:child_process';
import net, { type Socket } from 'node:net';

/**
 * A port on 127.0.0.1 where a TCP connection never completes: a child process listens with a
 * backlog of 1 and then blocks, so it never accepts; once two connections fill the accept
 * queue, the kernel drops further SYNs and a connect just hangs (as with a blackholed host).
 */
export async function startUnansweredPort(): Promise<{ port: number; close(): void }> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(server.address().port + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (data) => resolve(Number(String(data).trim())));
    child.once('error', reject);
  });
  const fillers: Socket[] = [];
  const close = () => {
    for (const socket of fillers) socket.destroy();
    child.kill('SIGKILL');
  };
  for (let attempt = 0; attempt < 16; attempt++) {
    const socket = net.connect(port, '127.0.0.1');
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!connected) return { port, close };
  }
  close();
  throw new Error('the accept queue never filled; cannot make an unanswered port');
}
