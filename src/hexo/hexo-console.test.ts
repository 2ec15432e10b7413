import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Output } from '../cli/index.ts';
import { runHexoConsole } from './hexo-console.ts';

const root = mkdtempSync(join(tmpdir(), 'feedmill-hexo-console-'));
after(() => rmSync(root, { recursive: true, force: true }));

function buffer(): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out(text: string) {
      output.stdout += text;
    },
    err(text: string) {
      output.stderr += text;
    },
  };
  return output;
}

test("run writes under Hexo's source_dir with Hexo's timezone, not the defaults", async () => {
  copyFileSync(new URL('../../test/fixtures/seed/feed.xml', import.meta.url), join(root, 'seed.xml'));
  writeFileSync(
    join(root, 'feedmill.yml'),
    'feeds:\n  - url: seed.xml\n    name: seed\n    categories: [A]\n',
  );
  const hexo = {
    base_dir: `${root}/`,
    source_dir: join(root, 'content') + '/',
    config: { timezone: 'Asia/Tokyo' },
  };
  const output = buffer();
  assert.equal(await runHexoConsole(hexo, { _: ['run'] }, output), 0, output.stderr);
  assert.ok(!existsSync(join(root, 'source')), 'the default source/ is not used');
  const [post] = readdirSync(join(root, 'content', '_posts', 'A'));
  const text = readFileSync(join(root, 'content', '_posts', 'A', post!), 'utf8');
  assert.match(text, /^date: .*15:21:53/m, 'Asia/Tokyo wall time of 06:21:53Z');
});

test('status, usage and errors return exit codes instead of throwing', async () => {
  const hexo = { base_dir: root, source_dir: join(root, 'content'), config: {} };
  const status = buffer();
  assert.equal(await runHexoConsole(hexo, { _: ['status'], json: true }, status), 0);
  assert.equal(JSON.parse(status.stdout).feeds[0].posts, 1);
  const usage = buffer();
  assert.equal(await runHexoConsole(hexo, { _: [] }, usage), 2);
  assert.match(usage.stderr, /^Usage: hexo feedmill <run\|status>/);
  const missing = buffer();
  assert.equal(await runHexoConsole(hexo, { _: ['run'], config: 'nope.yml' }, missing), 2);
  assert.match(missing.stderr, /config file not found: .*nope\.yml/);
});

test('run --retry fetches a feed that is backing off; without it the feed stays failing', async () => {
  const site = mkdtempSync(join(root, 'retry-'));
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.writeHead(503, { 'content-type': 'text/plain' });
    response.end('down');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  try {
    const { port } = server.address() as AddressInfo;
    writeFileSync(
      join(site, 'feedmill.yml'),
      `feeds:\n  - url: http://127.0.0.1:${port}/feed.xml\n    name: down\n    categories: [A]\n`,
    );
    const hexo = { base_dir: site, source_dir: join(site, 'source'), config: {} };
    const first = buffer();
    assert.equal(await runHexoConsole(hexo, { _: ['run'] }, first), 4, first.stderr);
    assert.equal(requests, 1);
    const waiting = buffer();
    assert.equal(await runHexoConsole(hexo, { _: ['run'] }, waiting), 4, 'still failing while it backs off');
    assert.equal(requests, 1, 'a feed in backoff is not fetched');
    const retried = buffer();
    assert.equal(await runHexoConsole(hexo, { _: ['run'], retry: true }, retried), 4);
    assert.equal(requests, 2, '--retry fetches it now');
  } finally {
    server.close();
  }
});
