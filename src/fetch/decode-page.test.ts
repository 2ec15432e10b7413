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
