import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseRepresentations } from './choose-representations.ts';
import { NS } from './namespaces.ts';
import type { XmlElement } from './xml-tree.ts';

const content = (attrs: Record<string, string>): XmlElement => ({
  ns: NS.media,
  local: 'content',
  qname: 'media:content',
  attrs,
  children: [],
  base: undefined,
  lang: undefined,
});

const urls = (contents: readonly XmlElement[]) => chooseRepresentations(contents).map((c) => c.attrs.url);

test('the content marked isDefault="true" is shown, whatever its type or size', () => {
  const group = [
    content({ url: 'https://x/a.mp3', type: 'audio/mpeg', bitrate: '320' }),
    content({ url: 'https://x/a.wav', type: 'audio/wav', isDefault: 'true' }),
  ];
  assert.deepEqual(urls(group), ['https://x/a.wav']);
  // Attribute names are case-sensitive in XML, but some feeds spell it in lower case.
  assert.deepEqual(urls([group[0]!, content({ url: 'https://x/b.ogg', isdefault: 'TRUE ' })]), [
    'https://x/b.ogg',
  ]);
});

test('without a default, MP4 is shown before WebM, HLS and QuickTime', () => {
  const group = [
    content({ url: 'https://x/v.mov', type: 'video/quicktime' }),
    content({ url: 'https://x/v.m3u8', type: 'application/vnd.apple.mpegurl' }),
    content({ url: 'https://x/v.webm', type: 'video/webm' }),
    content({ url: 'https://x/v.mp4', medium: 'video' }),
  ];
  assert.deepEqual(urls(group), ['https://x/v.mp4']);
  assert.deepEqual(urls(group.slice(0, 3)), ['https://x/v.webm']);
});

test('of one type, the largest that fits 1080p is shown, else the smallest', () => {
  const heights = [240, 480, 720, 1080, 2160].map((height) =>
    content({ url: `https://x/${height}.mp4`, type: 'video/mp4', height: String(height) }),
  );
  assert.deepEqual(urls(heights), ['https://x/1080.mp4']);
  const huge = [
    content({ url: 'https://x/8k.mp4', type: 'video/mp4', width: '7680' }),
    content({ url: 'https://x/4k.mp4', type: 'video/mp4', width: '3840' }),
  ];
  assert.deepEqual(urls(huge), ['https://x/4k.mp4']);
  // A known size that fits beats an unknown one; equal scores keep the first.
  assert.deepEqual(urls([content({ url: 'https://x/u.mp4' }), heights[1]!]), ['https://x/480.mp4']);
  assert.deepEqual(urls([content({ url: 'https://x/1.mp4' }), content({ url: 'https://x/2.mp4' })]), [
    'https://x/1.mp4',
  ]);
});

test('audio bitrates are bounded at 320 kbit/s; a sample loses to the full version', () => {
  const rates = ['64', '320', '1411'].map((bitrate) =>
    content({ url: `https://x/${bitrate}.mp3`, type: 'audio/mpeg', bitrate }),
  );
  assert.deepEqual(urls(rates), ['https://x/320.mp3']);
  const sample = content({
    url: 'https://x/clip.mp3',
    type: 'audio/mpeg',
    expression: 'sample',
    bitrate: '320',
  });
  const full = content({ url: 'https://x/full.mp3', type: 'audio/mpeg', expression: 'full', bitrate: '64' });
  assert.deepEqual(urls([sample, full]), ['https://x/full.mp3']);
});

test('contents of different kinds are not alternatives of each other', () => {
  const group = [
    content({ url: 'https://x/talk.mp4', medium: 'video' }),
    content({ url: 'https://x/talk.mp3' }),
    content({ url: 'https://x/talk.pdf', medium: 'document' }),
    content({ url: 'https://x/talk.jpg' }),
    content({ url: 'https://x/talk.m4a', type: 'audio/mp4' }),
  ];
  assert.deepEqual(urls(group), [
    'https://x/talk.mp4',
    'https://x/talk.mp3',
    'https://x/talk.pdf',
    'https://x/talk.jpg',
  ]);
});

test('images are a bag unless one is the default or they differ only in the query', () => {
  const bag = [
    content({ url: 'https://x/one.jpg', medium: 'image' }),
    content({ url: 'https://x/two.jpg', medium: 'image' }),
  ];
  assert.deepEqual(urls(bag), ['https://x/one.jpg', 'https://x/two.jpg']);
  const withDefault = [...bag, content({ url: 'https://x/three.jpg', medium: 'image', isDefault: 'true' })];
  assert.deepEqual(urls(withDefault), ['https://x/three.jpg']);
  const resized = [
    content({ url: 'https://x/p.jpg?w=320', width: '320' }),
    content({ url: 'https://x/p.jpg?w=1600', width: '1600' }),
    content({ url: 'https://x/p.jpg?w=4000', width: '4000' }),
  ];
  assert.deepEqual(urls(resized), ['https://x/p.jpg?w=1600']);
});

test('a content with a URL is shown before one without; one content is itself', () => {
  const player = content({ medium: 'video' });
  assert.deepEqual(urls([player, content({ url: 'https://x/v.webm', medium: 'video' })]), [
    'https://x/v.webm',
  ]);
  assert.deepEqual(chooseRepresentations([player]), [player]);
  assert.deepEqual(chooseRepresentations([]), []);
});

// No clock in the assertion (a loaded machine is slow, not wrong): a linear pass over 400,000
// contents takes well under a second, a pass comparing every pair (8·10^10 comparisons) would
// run for minutes, far past the test's timeout.
test('a group of 400,000 contents is chosen from in linear time', { timeout: 60_000 }, () => {
  const many = Array.from({ length: 400_000 }, (_, index) =>
    content({ url: `https://x/${index}.mp4`, type: 'video/mp4', height: String(index % 2000) }),
  );
  assert.deepEqual(urls(many), ['https://x/1920.mp4']);
});
