import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Item, Subscription } from '../../model.ts';
import type { ProcessContext } from '../item-processor.ts';
import { createMediaProcessor, mediaProcessorFor } from './media-processor.ts';
import { EMBED_HOSTS } from './video-embed.ts';

const item = (extra: Partial<Item>): Item => ({
  key: 'k',
  title: 'Episode <1>',
  html: '<p>Show notes</p>',
  published: new Date('2024-01-01T00:00:00Z'),
  publishedKnown: true,
  authors: [],
  tags: [],
  ...extra,
});
const context = { subscription: { post: { iframeHosts: EMBED_HOSTS } } } as unknown as ProcessContext;
const run = async (input: Item) => (await createMediaProcessor().process([input], context))[0]!.html;

test('audio and video files become players with a download link, before the body', async () => {
  const html = await run(
    item({
      image: 'https://pod.example/cover.jpg',
      media: [
        {
          url: 'https://pod.example/ep1.mp3',
          kind: 'audio',
          type: 'audio/mpeg',
          sizeInBytes: 29_000_000,
          durationInSeconds: 1930,
        },
        { url: 'https://pod.example/ep1.mp4', kind: 'video', type: 'video/mp4', width: 1280, height: 720 },
      ],
    }),
  );
  assert.equal(
    html,
    '<figure class="feedmill-audio"><audio controls preload="none"><source src="https://pod.example/ep1.mp3" type="audio/mpeg"></audio>' +
      '<figcaption><a href="https://pod.example/ep1.mp3">Download ep1.mp3</a> (MP3, 28 MB, 32:10)</figcaption></figure>' +
      '<figure class="feedmill-video"><video controls preload="none" playsinline poster="https://pod.example/cover.jpg" width="1280" height="720">' +
      '<source src="https://pod.example/ep1.mp4" type="video/mp4"></video>' +
      '<figcaption><a href="https://pod.example/ep1.mp4">Download ep1.mp4</a> (MP4)</figcaption></figure>' +
      '<p>Show notes</p>',
  );
});

test('images become a gallery after the body; other files a list of links', async () => {
  const html = await run(
    item({
      media: [
        { url: 'https://img.example/a.jpg', kind: 'image', type: 'image/jpeg', width: 800, height: 600 },
        { url: 'https://img.example/b.png', kind: 'image', type: 'image/png' },
        { url: 'https://img.example/r.pdf', kind: 'other', type: 'application/pdf', sizeInBytes: 2048 },
      ],
    }),
  );
  assert.equal(
    html,
    '<p>Show notes</p><div class="feedmill-gallery"><img src="https://img.example/a.jpg" alt="Episode <1>" width="800" height="600">' +
      '<img src="https://img.example/b.png" alt="Episode <1>"></div>' +
      '<ul class="feedmill-files"><li><a href="https://img.example/r.pdf">Download r.pdf</a> (PDF, 2.0 KB)</li></ul>',
  );
});

test('a video page gets its embedded player unless the body has one; files the body shows are not repeated', async () => {
  const embedded = await run(item({ url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }));
  assert.match(
    embedded,
    /^<div class="feedmill-embed"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/,
  );
  const player = await run(item({ url: 'https://example.com/post', player: 'https://vimeo.com/76979871' }));
  assert.match(player, /src="https:\/\/player\.vimeo\.com\/video\/76979871"/);
  const already = await run(
    item({
      url: 'https://www.bilibili.com/video/BV1GJ411x7h7',
      html: '<iframe src="https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7"></iframe><img src="/a.jpg">',
      media: [{ url: 'https://www.bilibili.com/a.jpg', kind: 'image', type: 'image/jpeg' }],
    }),
  );
  assert.equal(
    already,
    '<iframe src="https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7"></iframe><img src="/a.jpg">',
  );
  // An iframe the clean stage will drop (a host not allowed, as RSSHub's Bilibili player page) does not count.
  const dropped = await run(
    item({
      url: 'https://www.bilibili.com/video/BV1GJ411x7h7',
      html: '<iframe src="https://www.bilibili.com/blackboard/html5mobileplayer.html?aid=1"></iframe>',
    }),
  );
  assert.match(
    dropped,
    /^<div class="feedmill-embed"><iframe src="https:\/\/player\.bilibili\.com\/player\.html\?bvid=BV1GJ411x7h7&amp;autoplay=0"/,
  );
});

test('media: false turns the processor off', () => {
  const subscription = { post: { media: false } } as Subscription;
  assert.equal(mediaProcessorFor(subscription), undefined);
  assert.ok(mediaProcessorFor({} as Subscription));
});

test('the clean stage keeps the players and the embed (with the embed hosts allowed)', async () => {
  const { cleanItem } = await import('../../clean/index.ts');
  const { EMBED_HOSTS } = await import('./video-embed.ts');
  const html = await run(
    item({
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      media: [{ url: 'https://pod.example/ep1.mp3', kind: 'audio', type: 'audio/mpeg' }],
    }),
  );
  const body = cleanItem(item({ html }), { iframeHosts: EMBED_HOSTS }).body;
  assert.match(
    body,
    /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"[^>]* referrerpolicy="strict-origin-when-cross-origin"/,
  );
  assert.match(
    body,
    /<audio controls="?"? preload="none"><source src="https:\/\/pod\.example\/ep1\.mp3" type="audio\/mpeg"><\/audio>/,
  );
  assert.doesNotMatch(cleanItem(item({ html }), {}).body, /<iframe/);
});
