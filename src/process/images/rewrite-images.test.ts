import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findImages, rewriteImages } from './rewrite-images.ts';

const body =
  '<p>Hi &#123;x&#125;</p><img src="https://a.example/1.png?x=1&amp;y=2" alt="one" srcset="https://a.example/1-2x.png 2x" sizes="50vw" loading="lazy">' +
  '<picture><source srcset="https://a.example/2.webp" type="image/webp"><img src="https://a.example/2.jpg"></picture>' +
  '<video poster="https://a.example/poster.jpg" controls></video><img src="data:image/png;base64,AA">';

test("findImages lists img sources and video posters once, and each picture's img", () => {
  const images = findImages(`${body}<img src="https://a.example/2.jpg">`);
  assert.deepEqual(images.urls, [
    'https://a.example/1.png?x=1&y=2',
    'https://a.example/2.jpg',
    'https://a.example/poster.jpg',
    'data:image/png;base64,AA',
  ]);
  assert.deepEqual(images.pictures, ['https://a.example/2.jpg']);
});

test('local copies: src replaced, srcset and sizes dropped, picture sources removed, the rest byte for byte', () => {
  const local: Record<string, string> = {
    'https://a.example/1.png?x=1&y=2': '/images/feedmill/one.png',
    'https://a.example/2.jpg': '/images/feedmill/two.jpg',
    'https://a.example/poster.jpg': '/images/feedmill/poster.jpg',
  };
  const out = rewriteImages(body, findImages(body), { replace: (url) => local[url], responsive: 'drop' });
  assert.equal(
    out,
    '<p>Hi &#123;x&#125;</p><img src="/images/feedmill/one.png" alt="one" loading="lazy">' +
      '<picture><img src="/images/feedmill/two.jpg"></picture>' +
      '<video poster="/images/feedmill/poster.jpg" controls></video><img src="data:image/png;base64,AA">',
  );
});

test('an image that stays remote keeps its srcset and its picture sources', () => {
  const out = rewriteImages(body, findImages(body), { replace: () => undefined, responsive: 'drop' });
  assert.equal(out, body);
});

test('a proxy rewrites every candidate; new values are escaped for an attribute', () => {
  const out = rewriteImages(body, findImages(body), {
    replace: (url) =>
      url.startsWith('https:') ? `https://p.example/?u=${encodeURIComponent(url)}&s="1"` : undefined,
    responsive: 'rewrite',
  });
  assert.match(
    out,
    /<img src="https:\/\/p\.example\/\?u=https%3A%2F%2Fa\.example%2F1\.png%3Fx%3D1%26y%3D2&amp;s=&quot;1&quot;"/,
  );
  assert.match(
    out,
    /srcset="https:\/\/p\.example\/\?u=https%3A%2F%2Fa\.example%2F1-2x\.png&amp;s=&quot;1&quot; 2x" sizes="50vw"/,
  );
  assert.match(
    out,
    /<source srcset="https:\/\/p\.example\/\?u=https%3A%2F%2Fa\.example%2F2\.webp&amp;s=&quot;1&quot;" type="image\/webp">/,
  );
  assert.match(out, /poster="https:\/\/p\.example\/\?u=https%3A%2F%2Fa\.example%2Fposter\.jpg/);
  assert.match(out, /<img src="data:image\/png;base64,AA">$/);
});
