import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from './main.ts';
import type { Output } from './output.ts';

const site = mkdtempSync(join(tmpdir(), 'feedmill-pg-refused-'));
after(() => rmSync(site, { recursive: true, force: true }));
const config = join(site, 'feedmill.yml');
writeFileSync(
  config,
  'state: postgres://feedmill:secret@127.0.0.1:9/feedmill\nfeeds:\n  - url: http://127.0.0.1:9/feed.xml\n    name: f\n',
);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const output: Output = {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    isTTY: false,
  };
  const code = await main(argv, output);
  return { code, stdout, stderr };
}

for (const argv of [['run'], ['run', '--dry-run'], ['state', 'export'], ['rsshub', 'check'], ['watch']]) {
  test(`feedmill ${argv.join(' ')} refuses a PostgreSQL state instead of using the SQLite file`, async () => {
    const result = await cli(...argv, '--config', config);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /state is PostgreSQL/);
    assert.match(result.stderr, /feedmill worker, feedmill publish, feedmill prune and feedmill status/);
    assert.match(result.stderr, /\[CONFIG_INVALID\]/);
    // The password is never printed, and no SQLite state was created beside the site.
    assert.doesNotMatch(result.stderr, /secret/);
    assert.equal(existsSync(join(site, '.feedmill', 'state.db')), false);
  });
}

test('a SQLite state path is still accepted', async () => {
  writeFileSync(join(site, 'sqlite.yml'), 'state: state.db\nfeeds:\n  - url: feed.xml\n    name: f\n');
  const result = await cli('status', '--config', join(site, 'sqlite.yml'));
  assert.doesNotMatch(result.stderr, /PostgreSQL/);
});

for (const command of ['worker', 'publish']) {
  test(`feedmill ${command} refuses a SQLite state`, async () => {
    writeFileSync(join(site, 'sqlite.yml'), 'feeds:\n  - url: feed.xml\n    name: f\n');
    const result = await cli(command, '--config', join(site, 'sqlite.yml'));
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`feedmill ${command} needs a PostgreSQL state`));
  });
}
