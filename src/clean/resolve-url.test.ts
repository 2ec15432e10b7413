import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveSrcset, resolveUrl } from './resolve-url.ts';

const WEB = new Set(['http:', 'https:']);
const LINKS = new Set(['http:', 'https:', 'mailto:']);
const RASTER = new Set(['image/png', 'image/jpeg']);
const BASES = ['https://site.example/a/b/post.html', 'https://feed.example/rss.xml'];

test('relative, root-relative and protocol-relative URLs become absolute https URLs', () => {
  assert.equal(resolveUrl('img/x.jpg', BASES, WEB), 'https://site.example/a/b/img/x.jpg');
  assert.equal(resolveUrl('/x.jpg', BASES, WEB), 'https://site.example/x.jpg');
  assert.equal(resolveUrl('../x.jpg', BASES, WEB), 'https://site.example/a/x.jpg');
  assert.equal(resolveUrl('//cdn.example/x.jpg', BASES, WEB), 'https://cdn.example/x.jpg');
  assert.equal(resolveUrl(' https://x.example/a b ', BASES, WEB), 'https://x.example/a%20b');
  assert.equal(resolveUrl('#top', BASES, WEB), '#top');
});

test('the feed URL is the base when the item has no http(s) link', () => {
  assert.equal(resolveUrl('x.jpg', ['urn:uuid:1', BASES[1]!], WEB), 'https://feed.example/x.jpg');
  assert.equal(resolveUrl('x.jpg', [], WEB), undefined);
});

test('refused schemes, also hidden by case, controls or whitespace, give undefined', () => {
  for (const value of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    ' vbscript:x',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'mailto:a@b.example',
    'ftp://x.example/',
  ]) {
    assert.equal(resolveUrl(value, BASES, WEB), undefined, value);
  }
  assert.equal(resolveUrl('mailto:a@b.example', BASES, LINKS), 'mailto:a@b.example');
});

test('data: URLs only for raster image types where allowed', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  assert.equal(resolveUrl(png, BASES, WEB, RASTER), png);
  assert.equal(resolveUrl(png, BASES, WEB), undefined);
  assert.equal(resolveUrl('data:image/svg+xml;base64,PHN2Zz4=', BASES, WEB, RASTER), undefined);
});

test('every srcset candidate is resolved; refused ones are dropped', () => {
  assert.equal(
    resolveSrcset('a.jpg 1x, //cdn.example/b.jpg 2x,javascript:alert(1) 3x, c.jpg', BASES, WEB),
    'https://site.example/a/b/a.jpg 1x, https://cdn.example/b.jpg 2x, https://site.example/a/b/c.jpg',
  );
  assert.equal(
    resolveSrcset('https://x.example/a,b.jpg 480w, https://x.example/c.jpg 800w', BASES, WEB),
    'https://x.example/a%2Cb.jpg 480w, https://x.example/c.jpg 800w',
  );
  assert.equal(resolveSrcset('javascript:alert(1) 1x', BASES, WEB), undefined);
});
