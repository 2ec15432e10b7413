import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/index.ts';
import { runSite } from '../../src/pipeline/index.ts';
import { okFeed } from '../http/feed-server.ts';
import { rssFeed, type TestItem } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  cli,
  eventually,
  makeFeedJobsDue,
  postsOf,
  renderedFeedCount,
  renderedSince,
  scaleOutSuite,
  sql,
  stopChild,
} from './scale-out-site.ts';

// `images: local` on a PostgreSQL state: workers store the copies in the database, publish
// puts them in the site before the posts that name them, and the site ends up as `feedmill run`
// leaves it; a copy deleted by hand is downloaded again, and copies no post uses are collected.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: local images on PostgreSQL', { skip }, () => {});
const suite = scaleOutSuite(skip);

const png = (seed: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(seed)]);
const fileOf = (bytes: Buffer) => `${createHash('sha256').update(bytes).digest('hex')}.png`;
const PHOTO = png('photo');
const ONLY_C = png('only c');
const IMAGE_DIR = join('source', 'images', 'feedmill');

/** The site's image copies, by name, with their bytes as hex. */
function copiesOf(root: string): Map<string, string> {
  const folder = join(root, IMAGE_DIR);
  return new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name)).toString('hex')]));
}

function requestsFor(path: string): number {
  return suite.server.seen.filter((request) => request.path === path).length;
}

test('workers copy images through PostgreSQL; publish puts them in the site as run does', {
  skip,
  timeout: 180_000,
}, async () => {
  const url = suite.postgres.connectionString;
  const image = (path: string) => suite.server.url(path);
  suite.server.routes.set('/img/photo.png', okFeed(PHOTO, { 'content-type': 'image/png' }));
  // The same picture under a second URL: one file.
  suite.server.routes.set('/img/photo-copy.png', okFeed(PHOTO, { 'content-type': 'image/png' }));
  suite.server.routes.set('/img/only-c.png', okFeed(ONLY_C, { 'content-type': 'image/png' }));
  const items: TestItem[] = [
    ['a', `<p>A</p><img src="${image('/img/photo.png')}"><img src="${image('/img/photo-copy.png')}">`],
    ['b', `<p>B</p><img src="${image('/img/photo.png')}"><img src="${image('/img/missing.png')}">`],
    ['c', `<p>C</p><img src="${image('/img/only-c.png')}">`],
  ].map(([guid, html], index) => ({
    guid: guid!,
    title: `Story ${guid}`,
    html: html!,
    date: new Date(Date.UTC(2026, 10, 3 - index)),
  }));
  suite.server.routes.set(
    '/pics.xml',
    okFeed(rssFeed('Pictures', items), { 'content-type': 'application/rss+xml' }),
  );
  const feedUrl = suite.server.url('/pics.xml');
  const withImages = (root: string) => {
    const file = join(root, 'feedmill.yml');
    writeFileSync(file, `images: local\n${readFileSync(file, 'utf8')}`);
    return file;
  };

  const single = suite.fixture.site([feedUrl]);
  const singleConfig = withImages(single);
  const ran = await runSite(parseConfig(readFileSync(singleConfig, 'utf8'), singleConfig), {
    userAgent: 'feedmill-test',
  });
  assert.equal(ran.feeds[0]?.status, 'ok');
  const expectedPosts = postsOf(single);
  const expectedCopies = copiesOf(single);
  assert.deepEqual([...expectedCopies.keys()].sort(), [fileOf(PHOTO), fileOf(ONLY_C)].sort());

  const root = suite.fixture.site([feedUrl], url);
  const config = withImages(root);
  const worker = suite.fixture.feedmill(['worker', '--config', config, '--schedule', '--poll', '0.5']);
  try {
    await eventually(async () => ((await renderedFeedCount(url)) === 1 ? true : undefined), 60, worker.log);
    const stored = await sql<{ file: string; size: number }>(
      url,
      'SELECT file, octet_length(bytes) AS size FROM image_files ORDER BY file',
    );
    assert.deepEqual(
      stored.map((row) => row.file),
      [fileOf(PHOTO), fileOf(ONLY_C)].sort(),
    );
    assert.ok(
      stored.every((row) => row.size > 0),
      'the bytes wait in the database',
    );

    const published = await cli(['publish', '--config', config]);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /1 feed\(s\), 3 post\(s\) written, 2 image copy\(ies\) added\n/);
    assert.deepEqual(postsOf(root), expectedPosts, 'the same posts as run writes, naming the copies');
    assert.deepEqual(copiesOf(root), expectedCopies, 'the same copies as run makes');
    const [waiting] = await sql<{ count: string }>(
      url,
      'SELECT count(*) AS count FROM image_files WHERE bytes IS NOT NULL',
    );
    assert.equal(waiting!.count, '0', 'bytes leave the database once in the site');

    // A copy deleted by hand: publish forgets it, the next render downloads it again, and the
    // publish after puts it back.
    rmSync(join(root, IMAGE_DIR, fileOf(PHOTO)));
    const noticed = await cli(['publish', '--config', config]);
    assert.equal(noticed.code, 0, noticed.stderr);
    const before = requestsFor('/img/photo.png');
    const since = new Date();
    await makeFeedJobsDue(url);
    await renderedSince(url, 1, since, worker.log);
    assert.equal(requestsFor('/img/photo.png'), before + 1, 'downloaded again');
    // No post changes, but the site does: `--generate` builds it (a stand-in for Hexo here).
    mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(root, 'node_modules', '.bin', 'hexo'), '#!/bin/sh\necho "$@" > generated.txt\n', {
      mode: 0o755,
    });
    const restored = await cli(['publish', '--config', config, '--generate']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /0 post\(s\) written, 1 image copy\(ies\) added/);
    assert.deepEqual(copiesOf(root), expectedCopies);
    assert.match(readFileSync(join(root, 'generated.txt'), 'utf8'), /^generate/);
  } finally {
    await stopChild(worker);
  }

  // Retention deletes story c, the only user of its picture: the copy stays while its rows are
  // young (a worker may be about to use it), and goes with the next prune once they are old.
  writeFileSync(config, `${readFileSync(config, 'utf8')}keep:\n  max_items_per_feed: 2\n`);
  const pruned = await cli(['prune', '--config', config]);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.equal(postsOf(root).size, 2);
  assert.ok(copiesOf(root).has(fileOf(ONLY_C)), 'young rows are not garbage');
  await sql(
    url,
    `UPDATE image_files SET stored_at = now() - interval '7 hours';
     UPDATE image_uses SET recorded_at = now() - interval '7 hours';
     UPDATE image_posts SET recorded_at = now() - interval '7 hours'`,
  );
  const collected = await cli(['prune', '--config', config]);
  assert.equal(collected.code, 0, collected.stderr);
  assert.deepEqual([...copiesOf(root).keys()], [fileOf(PHOTO)]);
  const rows = await sql<{ file: string }>(url, 'SELECT file FROM image_files');
  assert.deepEqual(
    rows.map((row) => row.file),
    [fileOf(PHOTO)],
  );
  const urls = await sql<{ url: string }>(url, 'SELECT url FROM images WHERE file IS NOT NULL ORDER BY url');
  assert.deepEqual(
    urls.map((row) => row.url),
    [image('/img/photo-copy.png'), image('/img/photo.png')],
  );
});
