import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { acquireSiteLock } from '../../src/pipeline/index.ts';
import { okFeed, startFeedServer } from '../http/feed-server.ts';
import { createHexoSite, REPO_ROOT, runFeedmill, TSX_ARGS } from '../support/hexo-site.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const site = createHexoSite();
after(() => site.remove());

/** `feedmill watch` started in the site, its output gathered as it comes. */
function startWatch(args: string[] = []) {
  const child = spawn(
    process.execPath,
    [...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'watch', ...args],
    {
      cwd: site.root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  /** Resolves once `text` has been printed on `stream`; fails after `seconds`. */
  const waitFor = (stream: 'stdout' | 'stderr', text: string, seconds: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${text}" in ${seconds} s:\n${output.stdout}\n${output.stderr}`)),
        seconds * 1000,
      );
      const check = () => {
        if (!output[stream].includes(text)) return;
        clearTimeout(timer);
        child[stream].off('data', check);
        resolve();
      };
      child[stream].on('data', check);
      check();
    });
  return { child, output, exited, waitFor };
}

test('watch runs a first cycle and generates the site; SIGTERM ends it cleanly with exit code 0', async () => {
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    `interval_minutes: 60\nfeeds:\n  - url: ${JSON.stringify(SEED_FEED)}\n    name: seed\n    categories: [金融]\n`,
  );
  const { child, output, exited, waitFor } = startWatch(['--generate', '--debounce', '0']);
  await waitFor('stdout', 'hexo generate done', 20);
  child.kill('SIGTERM');
  const code = await exited;
  const { stdout, stderr } = output;
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^watching 1 feed\(s\) from .*feedmill\.yml/m);
  assert.match(stdout, /^ok {6}seed: 1 new/m);
  assert.ok(stdout.indexOf('next check at') < stdout.indexOf('hexo generate…'));
  // The next check is about an hour away (60 minutes ± 10% jitter).
  const next = Date.parse(/next check at (\S+)/.exec(stdout)![1]!);
  const minutes = (next - Date.now()) / 60_000;
  assert.ok(minutes > 50 && minutes < 67, `next check in ${minutes} min`);
  assert.match(stderr, /SIGTERM: finishing the feeds in flight \(no new one starts\), then exiting/);
  assert.match(stdout, /stopped\n$/);
  assert.equal(readdirSync(join(site.postsDir, '金融')).length, 1);
  assert.ok(existsSync(join(site.root, 'public', '2021', '12', '16')), 'hexo generate ran');
  // The schedule is kept in the state database, for feedmill status.
  const status = await runFeedmill(['status', '--json'], site.root);
  assert.equal(JSON.parse(status.stdout).feeds[0].nextCheck, new Date(next).toISOString());
});

test('watch started while a run holds the site lock says so, keeps running, and SIGTERM still ends it', async () => {
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    `interval_minutes: 60\nfeeds:\n  - url: ${JSON.stringify(SEED_FEED)}\n    name: seed\n    categories: [金融]\n`,
  );
  // Forget the schedule the first test kept, so the feed is due at once.
  for (const name of ['state.db', 'state.db-wal', 'state.db-shm'])
    rmSync(join(site.root, '.feedmill', name), { force: true });
  const lock = acquireSiteLock(join(site.root, '.feedmill'));
  const { child, output, exited, waitFor } = startWatch();
  try {
    await waitFor('stderr', 'retrying in', 60);
    const { stderr } = output;
    assert.match(
      stderr,
      new RegExp(
        `^skipped this cycle: the site lock is held by pid ${process.pid} on \\S+, since \\S+, heartbeat \\d+ s ago; retrying in (\\d+) s$`,
        'm',
      ),
    );
    const seconds = Number(/retrying in (\d+) s/.exec(stderr)![1]);
    assert.ok(seconds >= 29 && seconds <= 60, `retries in ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(child.exitCode, null, 'still running');
    assert.doesNotMatch(output.stdout, /^ok/m, 'nothing ran');
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output.stderr);
    assert.match(output.stdout, /stopped\n$/);
  } finally {
    // A failed assertion must not leave the watcher running (the test file would never end).
    if (child.exitCode === null) child.kill('SIGKILL');
    lock.release();
  }
});

test("watch checks a feed again only once the server's max-age has run out", async () => {
  const server = await startFeedServer({
    '/feed.xml': okFeed(readFileSync(SEED_FEED), { 'cache-control': 'public, max-age=10800' }),
  });
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    `interval_minutes: 60\nfeeds:\n  - url: ${server.url('/feed.xml')}\n    name: fresh\n    categories: [Fresh]\n`,
  );
  const { child, output, exited, waitFor } = startWatch();
  try {
    await waitFor('stdout', 'next check at', 30);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output.stderr);
    assert.match(output.stdout, /^ok {6}fresh: 1 new/m);
    // Three hours (the answer's max-age), not the hour of the interval.
    const minutes = (Date.parse(/next check at (\S+)/.exec(output.stdout)![1]!) - Date.now()) / 60_000;
    assert.ok(minutes > 177 && minutes <= 180, `next check in ${minutes} min`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await server.close();
  }
});

/** Writes `text` to a temporary file beside `path`, then renames it over `path`. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

test('watch reads an edited config (SIGHUP: at once); an invalid edit is reported and ignored', async () => {
  const server = await startFeedServer({
    '/one.xml': okFeed(readFileSync(SEED_FEED)),
    '/two.xml': okFeed(readFileSync(SEED_FEED)),
  });
  const feed = (name: string) =>
    `  - url: ${server.url(`/${name}.xml`)}\n    name: ${name}\n    categories: [Edit, ${name}]\n`;
  const config = join(site.root, 'feedmill.yml');
  writeFileSync(config, `interval_minutes: 60\nfeeds:\n${feed('one')}`);
  const { child, output, exited, waitFor } = startWatch();
  try {
    await waitFor('stdout', 'next check at', 30);
    // A typo while editing: the watch says so and keeps the config it had. (Edits are renamed
    // into place, as editors save: the watch also reads the file each minute, and a read in the
    // middle of writeFileSync's truncate-then-write found it empty once, another refusal.)
    replaceFile(
      config,
      `interval_minutes: 60\nfeeds:\n${feed('one')}  - url: ${server.url('/two.xml')}\n    catgories: [x]\n`,
    );
    child.kill('SIGHUP');
    await waitFor('stderr', 'the edit is ignored', 30);
    assert.match(
      output.stderr,
      /feeds\[1\]\.catgories: unknown key; did you mean "categories"\? \(line \d+\) \[CONFIG_INVALID\]/,
    );
    assert.equal(child.exitCode, null, 'still running');
    // The edit fixed: the new feed is checked at once.
    replaceFile(config, `interval_minutes: 60\nfeeds:\n${feed('one')}${feed('two')}`);
    child.kill('SIGHUP');
    await waitFor('stdout', 'two: 1 new', 30);
    assert.match(output.stdout, /^config changed: watching 2 feed\(s\) \(added two\)$/m);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output.stderr);
    assert.equal(readdirSync(join(site.postsDir, 'Edit', 'two')).length, 1);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await server.close();
  }
});

test('a cycle that fails as a whole is reported and tried again later; the watch goes on', async () => {
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    `interval_minutes: 60\nfeeds:\n  - url: ${JSON.stringify(SEED_FEED)}\n    name: seed\n    categories: [金融]\n`,
  );
  // A file where the state folder belongs: no lock, no database can be made.
  const folder = join(site.root, '.feedmill');
  rmSync(folder, { recursive: true, force: true });
  writeFileSync(folder, 'not a folder');
  const { child, output, exited, waitFor } = startWatch();
  try {
    await waitFor('stderr', 'the watch goes on', 30);
    assert.match(output.stderr, /^error: cannot create the run lock in .*\.feedmill: it is not a folder/m);
    assert.match(output.stderr, /the watch goes on: trying these feeds again in 60 s/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(child.exitCode, null, 'still running');
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output.stderr);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(folder, { force: true });
  }
});
