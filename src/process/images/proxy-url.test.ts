import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkProxyTemplate, proxyUrl } from './proxy-url.ts';

test('a proxy template puts the encoded image URL, or its parts, in place', () => {
  const image = 'https://img.example.com/a b/photo.jpg?w=1&h=2';
  assert.equal(
    proxyUrl('https://proxy.example/?url={url}', image),
    // The URL as `URL` writes it (the space already %20), encoded once more as a query value.
    'https://proxy.example/?url=https%3A%2F%2Fimg.example.com%2Fa%2520b%2Fphoto.jpg%3Fw%3D1%26h%3D2',
  );
  assert.equal(
    proxyUrl('https://i0.wp.com/{url_noprotocol}', image),
    'https://i0.wp.com/img.example.com/a%20b/photo.jpg?w=1&h=2',
  );
  assert.equal(
    proxyUrl('https://cdn.example/{host}{path}', image),
    'https://cdn.example/img.example.com/a%20b/photo.jpg?w=1&h=2',
  );
  assert.equal(proxyUrl('https://proxy.example/?url={url}', 'data:image/png;base64,AAAA'), undefined);
  assert.equal(proxyUrl('https://proxy.example/?url={url}', '/relative.png'), undefined);
});

test('bad templates are refused with the reason', () => {
  assert.equal(checkProxyTemplate('https://proxy.example/?url={url}'), undefined);
  assert.equal(checkProxyTemplate('https://i0.wp.com/{url_noprotocol}'), undefined);
  assert.match(checkProxyTemplate('https://proxy.example/') ?? '', /placeholder/);
  assert.match(checkProxyTemplate('https://proxy.example/?u={href}') ?? '', /\{href\} is not a placeholder/);
  assert.match(checkProxyTemplate('ftp://proxy.example/{url}') ?? '', /http\(s\)/);
  assert.match(checkProxyTemplate('{url}') ?? '', /http\(s\)|host/);
  assert.match(checkProxyTemplate('https://{host}/x') ?? '', /host/);
  assert.match(checkProxyTemplate('https://proxy.example/{url}"onerror') ?? '', /quotes/);
  // A control character is no part of a URL (WHATWG's parser would drop or encode it): refused,
  // rather than written into posts for each output target to treat its own way.
  assert.match(checkProxyTemplate('https://proxy.example/\u0001?u={url}') ?? '', /control/);
  assert.match(checkProxyTemplate('https://proxy.example/?u={url}\u007f') ?? '', /control/);
});
