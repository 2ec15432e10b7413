import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMeaningfulImage, isPlaceholderSource, isTrackingPixel } from './image-policy.ts';

test('tracking pixels: 0/1 sizes and known tracker hosts', () => {
  assert.ok(isTrackingPixel('https://x.example/a.gif', '1', '1'));
  assert.ok(isTrackingPixel('https://x.example/a.gif', '0', undefined));
  assert.ok(isTrackingPixel('https://feeds.feedburner.com/~r/x/~4/abc'));
  assert.ok(isTrackingPixel('https://feeds.feedblitz.com/~/i/1/x'));
  assert.ok(isTrackingPixel('https://pixel.wp.com/b.gif?v=1'));
  assert.ok(isTrackingPixel('https://stats.wordpress.com/b.gif'));
  assert.ok(isTrackingPixel('https://ad.doubleclick.net/x'));
  assert.ok(isTrackingPixel('https://www.google-analytics.com/collect?x'));
  assert.ok(!isTrackingPixel('https://n.sinaimg.cn/finance/crawl/a.jpg', '640', '480'));
  assert.ok(!isTrackingPixel('https://notdoubleclick.net.example/a.jpg'));
});

test('placeholders of lazy loaders', () => {
  assert.ok(isPlaceholderSource(undefined));
  assert.ok(isPlaceholderSource(''));
  assert.ok(isPlaceholderSource('data:image/gif;base64,R0lGOD'));
  assert.ok(isPlaceholderSource('/static/img/placeholder.png'));
  assert.ok(isPlaceholderSource('https://x.example/lazy-blank.gif?v=2'));
  assert.ok(!isPlaceholderSource('https://x.example/photo.jpg'));
});

test('meaningful images exclude emoji, icons, avatars and small images', () => {
  assert.ok(isMeaningfulImage('https://x.example/photo.jpg', {}));
  assert.ok(isMeaningfulImage('https://x.example/photo.jpg', { width: '100%' }));
  assert.ok(!isMeaningfulImage('https://s.w.org/images/core/emoji/14.0.0/72x72/1f600.png', {}));
  assert.ok(!isMeaningfulImage('https://x.example/photo.jpg', { class: 'wp-smiley' }));
  assert.ok(!isMeaningfulImage('https://x.example/avatar/1.jpg', {}));
  assert.ok(!isMeaningfulImage('https://x.example/icons/rss.png', {}));
  assert.ok(!isMeaningfulImage('https://x.example/photo.jpg', { width: '20', height: '20' }));
  assert.ok(!isMeaningfulImage('data:image/png;base64,iVBOR', {}));
});
