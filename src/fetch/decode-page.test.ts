import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodePage } from './decode-page.ts';

const page = (charsetMeta: string, text: string) =>
  `<html><head>${charsetMeta}</head><body><p>${text}</p></body></html>`;

test('the HTTP charset wins over a meta charset', () => {
  const bytes = iconv.encode(page('<meta charset="utf-8">', '新闻'), 'gb18030');
  assert.match(decodePage(bytes, 'text/html; charset=GBK'), /新闻/);
});

test('a meta charset or http-equiv decides without an HTTP charset', () => {
  assert.match(
    decodePage(iconv.encode(page('<meta charset=gb2312>', '财经'), 'gb18030'), 'text/html'),
    /财经/,
  );
  const equiv = '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">';
  assert.match(decodePage(iconv.encode(page(equiv, 'ニュース'), 'shift_jis')), /ニュース/);
});

test('a BOM wins over everything; unlabeled bytes are UTF-8 when valid, else windows-1252', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', 'héllo'))]);
  assert.match(decodePage(bom, 'text/html; charset=windows-1252'), /<html>.*héllo/);
  assert.match(decodePage(Buffer.from(page('', 'naïve'))), /naïve/);
  assert.match(decodePage(iconv.encode(page('', 'café'), 'windows-1252')), /café/);
});

test('charset labels are WHATWG’s: aliases iconv-lite lacks decode, UTF-7 is no label', () => {
  const polish = 'Zażółć gęślą jaźń';
  assert.match(decodePage(iconv.encode(page('', polish), 'iso-8859-2'), 'text/html; charset=l2'), /Zażółć/);
  assert.match(
    decodePage(iconv.encode(page('', 'Привет'), 'maccyrillic'), 'text/html; charset=x-mac-ukrainian'),
    /Привет/,
  );
  assert.match(decodePage(iconv.encode(page('<meta charset="iso-ir-58">', '财经'), 'gb18030')), /财经/);
  // UTF-7 would turn +ADw- into "<": not a label, so the bytes are read as UTF-8.
  assert.match(decodePage(Buffer.from(page('', 'a+ADw-b')), 'text/html; charset=utf-7'), /a\+ADw-b/);
});

test('a label of the replacement encoding decodes to a single U+FFFD (WHATWG Encoding)', () => {
  assert.equal(decodePage(Buffer.from(page('', 'x')), 'text/html; charset=iso-2022-kr'), '\ufffd');
});

test('bytes that are not UTF-8 and declare nothing are read by their text, as browsers guess', () => {
  assert.match(decodePage(iconv.encode(page('', '新闻联播：今日要闻'), 'gb18030'), 'text/html'), /新闻联播/);
  assert.match(decodePage(iconv.encode(page('', 'ニュースの記事です'), 'shift_jis')), /ニュースの記事/);
});

test('a meta charset after the first 1024 bytes of the head still counts when the bytes are not UTF-8', () => {
  // A long inline script first: browsers honour the late declaration (Firefox reloads with it).
  const script = `<script>var config = ${JSON.stringify('x'.repeat(1500))};</script>`;
  const polish = 'Zażółć gęślą jaźń';
  const bytes = iconv.encode(page(`${script}<meta charset="iso-8859-2">`, polish), 'iso-8859-2');
  assert.match(decodePage(bytes), /Zażółć gęślą jaźń/);
  // Past the head it is text, not a declaration.
  const late = iconv.encode(
    `<html><body><p>${'x'.repeat(1500)} café</p><meta charset="koi8-r"></body></html>`,
    'windows-1252',
  );
  assert.match(decodePage(late), /café/);
});
