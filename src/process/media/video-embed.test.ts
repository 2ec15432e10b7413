import assert from 'node:assert/strict';
import { test } from 'node:test';
import { videoEmbed } from './video-embed.ts';

test('YouTube, Vimeo and Bilibili pages and player URLs give their players', () => {
  const cases: Array<[string, string]> = [
    [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ],
    ['https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://m.youtube.com/shorts/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://www.youtube.com/v/dQw4w9WgXcQ?version=3', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://player.vimeo.com/video/76979871?h=1', 'https://player.vimeo.com/video/76979871'],
    [
      'https://www.bilibili.com/video/BV1GJ411x7h7/',
      'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0',
    ],
    [
      'https://www.bilibili.com/video/av170001',
      'https://player.bilibili.com/player.html?aid=170001&autoplay=0',
    ],
  ];
  for (const [url, src] of cases) assert.equal(videoEmbed(url)?.src, src, url);
});

test('a YouTube start time and an unlisted Vimeo video’s hash reach the player, checked', () => {
  const cases: Array<[string, string]> = [
    [
      'https://youtu.be/dQw4w9WgXcQ?si=Xy3_abc-9&t=90',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90',
    ],
    [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90',
    ],
    [
      'https://m.youtube.com/watch?t=1h2m3s&v=dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=3723',
    ],
    [
      'https://www.youtube.com/embed/dQw4w9WgXcQ?start=45',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=45',
    ],
    // A start that is no time, or zero, is no start.
    ['https://youtu.be/dQw4w9WgXcQ?t=90"x', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?t=0s', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    // Unlisted videos play only with their hash (as a path segment or the player's h=).
    ['https://vimeo.com/76979871/b9c3a0e5f1', 'https://player.vimeo.com/video/76979871?h=b9c3a0e5f1'],
    [
      'https://player.vimeo.com/video/76979871?h=b9c3a0e5f1&badge=0',
      'https://player.vimeo.com/video/76979871?h=b9c3a0e5f1',
    ],
    ['https://vimeo.com/76979871/x%22onload', 'https://player.vimeo.com/video/76979871'],
  ];
  for (const [url, src] of cases) assert.equal(videoEmbed(url)?.src, src, url);
});

test('other URLs and ids not in the sites’ formats give none', () => {
  for (const url of [
    'https://example.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/watch?v=short',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload=x',
    'https://vimeo.com/channels/staffpicks',
    'https://www.bilibili.com/read/cv123',
    'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ',
    // Eleven characters like an id, but a playlist's and a channel's live player: no video.
    'https://www.youtube.com/embed/videoseries?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI',
    'https://www.youtube-nocookie.com/embed/live_stream?channel=UC4R8DWoMoI7CAwX8_LjQHig',
    'not a url',
  ])
    assert.equal(videoEmbed(url), undefined, url);
});
