import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { createHexoSite, type HexoSite, postPages, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';

// Feeds written for this test: a podcast, a YouTube channel, a feed whose only author is the
// channel's managingEditor, and a Media RSS photo and video feed. Nothing is fetched but them.
const FEEDS: Record<string, string> = {
  '/podcast.xml': `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd">
<channel><title>Harbour Hour: Conversations About The Sea And The People Who Work On It</title>
<link>https://harbour.example.fm/</link><description>A podcast</description>
<itunes:author>Harbour Radio</itunes:author>
<item><title>Spring tides explained</title><guid isPermaLink="false">ep1</guid>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>Show notes.</description>
<itunes:image href="https://harbour.example.fm/art/ep1.jpg"/><itunes:duration>32:10</itunes:duration>
<enclosure url="https://harbour.example.fm/audio/ep1.mp3" type="audio/mpeg" length="31457280"/></item>
</channel></rss>`,
  '/videos.xml': `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/">
<title>Knots Channel</title><link rel="alternate" href="https://www.youtube.com/channel/UCknots"/>
<author><name>Knots Channel</name></author>
<entry><id>yt:video:dQw4w9WgXcQ</id><yt:videoId>dQw4w9WgXcQ</yt:videoId><title>Tying a bowline</title>
<link rel="alternate" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"/>
<published>2024-03-06T10:00:00+00:00</published>
<media:group><media:title>Tying a bowline</media:title>
<media:content url="https://www.youtube.com/v/dQw4w9WgXcQ?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
<media:thumbnail url="https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" width="480" height="360"/>
<media:description>How to tie it.</media:description></media:group></entry>
</feed>`,
  '/editor.xml': `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Council Notes</title><link>https://council.example.org/notes/</link>
<description>Minutes</description><managingEditor>erin@council.example.org (Erin Editor)</managingEditor>
<item><title>March meeting</title><link>https://council.example.org/notes/march</link>
<pubDate>Thu, 07 Mar 2024 09:00:00 GMT</pubDate><description>&lt;p&gt;Minutes of the meeting.&lt;/p&gt;</description></item>
</channel></rss>`,
  '/photos.xml': `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="https://search.yahoo.com/mrss">
<channel><title>Council Photos</title><link>https://council.example.org/photos/</link><description>Photos</description>
<item><title>Bridge opening</title><link>https://council.example.org/photos/bridge</link>
<pubDate>Fri, 08 Mar 2024 12:00:00 GMT</pubDate><author>press@council.example.org</author>
<media:group>
<media:thumbnail url="https://council.example.org/px.gif" width="1" height="1"/>
<media:content url="https://council.example.org/photos/bridge-1.jpg" width="1600" height="900"/>
<media:content url="https://council.example.org/photos/bridge-2.jpg" width="1600" height="900"/>
<media:content url="https://council.example.org/photos/bridge.mp4" medium="video" type="video/mp4"/>
</media:group></item>
<item><title>Harbour tour</title><link>https://council.example.org/photos/tour</link>
<pubDate>Sat, 09 Mar 2024 12:00:00 GMT</pubDate>
<media:group><media:title>Harbour tour by boat</media:title>
<media:content url="https://council.example.org/video/tour-360.mp4" type="video/mp4" width="640" height="360"/>
<media:content url="https://council.example.org/video/tour-1080.webm" type="video/webm" width="1920" height="1080"/>
<media:content url="https://council.example.org/video/tour-1080.mp4" type="video/mp4" width="1920" height="1080" fileSize="104857600"/>
<media:content url="https://council.example.org/video/tour-2160.mp4" type="video/mp4" width="3840" height="2160"/>
<media:thumbnail url="https://council.example.org/video/tour.jpg" width="1280" height="720"/>
</media:group></item>
</channel></rss>`,
};

let server: ReturnType<typeof createServer>;
let origin: string;
let site: HexoSite;
let pages: Map<string, string>;

function configFor(editorCategories?: string): string {
  const feed = (path: string, extra = '') => `  - url: ${origin}${path}\n${extra}`;
  return `feeds:\n${feed('/podcast.xml')}${feed('/videos.xml')}${feed(
    '/editor.xml',
    editorCategories ? `    categories: ${editorCategories}\n` : '',
  )}${feed('/photos.xml')}`;
}

before(async () => {
  server = createServer((request, response) => {
    const body = FEEDS[new URL(request.url ?? '/', 'http://x').pathname];
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/xml' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = createHexoSite();
  // The URL policy of sites made by feedmill init, instead of the test site's :title permalink.
  const scaffold = readFileSync(join(REPO_ROOT, 'templates', 'site', '_config.yml'), 'utf8');
  const permalink = /^permalink: .*$/m.exec(scaffold)![0];
  assert.doesNotMatch(permalink, /:title|:post_title/);
  const config = join(site.root, '_config.yml');
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace('permalink: :year/:month/:day/:title/', permalink),
  );
  writeFileSync(join(site.root, 'feedmill.yml'), configFor());
  const run = await runFeedmill(['run'], site.root);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const generate = await site.generate();
  assert.equal(generate.code, 0, generate.stderr);
  pages = new Map(
    postPages(site).map((page) => {
      const html = readFileSync(page, 'utf8');
      return [/<h1 class="post-title">([^<]*)</.exec(html)![1]!, html] as const;
    }),
  );
});
after(() => {
  server.close();
  site.remove();
});

const postFiles = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .sort();

test('a podcast episode shows an audio player with a download link, its cover and the channel author', () => {
  const page = pages.get('Spring tides explained');
  assert.ok(page, [...pages.keys()].join(', '));
  assert.match(
    page,
    /<audio controls(="")? preload="none"><source src="https:\/\/harbour\.example\.fm\/audio\/ep1\.mp3" type="audio\/mpeg"><\/audio>/,
  );
  assert.match(
    page,
    /<a [^>]*href="https:\/\/harbour\.example\.fm\/audio\/ep1\.mp3">Download ep1\.mp3<\/a> \(MP3, 30 MB, 32:10\)/,
  );
  assert.match(page, /<img class="headimg" src="https:\/\/harbour\.example\.fm\/art\/ep1\.jpg"/);
  assert.match(page, /<div class="post-author">Harbour Radio<\/div>/);
});

test('a YouTube item shows the embedded player and its thumbnail as cover', () => {
  const page = pages.get('Tying a bowline')!;
  assert.match(
    page,
    /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"[^>]*referrerpolicy="strict-origin-when-cross-origin"/,
  );
  assert.match(page, /<img class="headimg" src="https:\/\/i1\.ytimg\.com\/vi\/dQw4w9WgXcQ\/hqdefault\.jpg"/);
  assert.doesNotMatch(page, /shockwave|youtube\.com\/v\//);
  assert.match(page, /<div class="post-author">Knots Channel<\/div>/);
});

test('an item of a feed with only a channel author shows that author’s name, never the address', () => {
  const page = pages.get('March meeting')!;
  assert.match(page, /<div class="post-author">Erin Editor<\/div>/);
  assert.doesNotMatch(page, /erin@/);
});

test('a Media RSS item shows a gallery and a video player; tiny thumbnails are not the cover', () => {
  const page = pages.get('Bridge opening')!;
  assert.match(page, /<img class="headimg" src="https:\/\/council\.example\.org\/photos\/bridge-1\.jpg"/);
  assert.match(
    page,
    /<div class="feedmill-gallery"><img src="https:\/\/council\.example\.org\/photos\/bridge-1\.jpg"[^>]*><img src="https:\/\/council\.example\.org\/photos\/bridge-2\.jpg"/,
  );
  assert.match(
    page,
    /<video controls(="")? preload="none" playsinline(="")? poster="https:\/\/council\.example\.org\/photos\/bridge-1\.jpg">/,
  );
  // An address-only item author shows its local part.
  assert.match(page, /<div class="post-author">press<\/div>/);
});

test('a media:group of one video in several sizes shows one player, of the 1080p MP4, titled by the group', () => {
  const page = pages.get('Harbour tour')!;
  assert.equal(page.match(/<video /g)?.length, 1);
  assert.match(
    page,
    /<video controls(="")? preload="none" playsinline(="")? poster="https:\/\/council\.example\.org\/video\/tour\.jpg"><source src="https:\/\/council\.example\.org\/video\/tour-1080\.mp4" type="video\/mp4"><\/video>/,
  );
  assert.match(
    page,
    /<a [^>]*href="https:\/\/council\.example\.org\/video\/tour-1080\.mp4">Download Harbour tour by boat<\/a> \(MP4, 100 MB\)/,
  );
  assert.doesNotMatch(page, /tour-360|tour-2160|\.webm/);
});

test('feeds without categories go under host and short name; post URLs have no spaces', () => {
  assert.deepEqual(
    postFiles(site.postsDir).map((file) => file.split('/').slice(0, 2).join('/')),
    [
      'council.example.org/Council Notes',
      'council.example.org/Council Photos',
      'council.example.org/Council Photos',
      'harbour.example.fm/Harbour Hour',
      'youtube.com/Knots Channel',
    ],
  );
  for (const page of postPages(site)) {
    const url = relative(join(site.root, 'public'), page);
    assert.match(url, /^\d{4}\/\d\d\/\d\d\/[0-9a-f]{12}\/index\.html$/, url);
  }
});

test('posts written under earlier categories keep their paths when the fallback applies', async () => {
  const other = createHexoSite();
  try {
    writeFileSync(join(other.root, 'feedmill.yml'), configFor('[Old Notes]'));
    assert.equal((await runFeedmill(['run', '--feed', `${origin}/editor.xml`], other.root)).code, 0);
    const before = postFiles(other.postsDir);
    assert.equal(before.length, 1);
    assert.match(before[0]!, /^Old Notes\/March.meeting\.md$/);
    // Categories removed and a new item published: the old post stays, the new one goes under the fallback.
    writeFileSync(join(other.root, 'feedmill.yml'), configFor());
    FEEDS['/editor.xml'] = FEEDS['/editor.xml']!.replace(
      '<item>',
      '<item><title>April meeting</title><link>https://council.example.org/notes/april</link><pubDate>Thu, 04 Apr 2024 09:00:00 GMT</pubDate></item><item>',
    );
    const rerun = await runFeedmill(['run', '--feed', `${origin}/editor.xml`], other.root);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, /1 new, 1 updated, 0 unchanged|1 new/);
    const after = postFiles(other.postsDir);
    assert.equal(after.length, 2);
    assert.equal(after[0], before[0]);
    assert.match(after[1]!, /^council\.example\.org\/Council Notes\/April.meeting\.md$/);
    assert.ok(existsSync(join(other.postsDir, before[0]!)));
  } finally {
    other.remove();
  }
});
