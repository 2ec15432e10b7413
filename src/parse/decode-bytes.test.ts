import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes } from './decode-bytes.ts';

const ZH = '中文标题：测试喆镕';
const xml = (encoding?: string): string =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss><title>${ZH}</title></rss>`;

test('the label gb2312 decodes as GBK (WHATWG), GBK-only characters included', () => {
  const result = decodeBytes(iconv.encode(xml('gb2312'), 'gbk'));
  assert.equal(result.encoding, 'gbk');
  assert.ok(result.text.includes(ZH));
});

test('a BOM wins over the HTTP charset, which wins over the XML declaration', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('GBK'))]);
  assert.equal(decodeBytes(bom, 'text/xml; charset=gbk').encoding, 'utf-8');
  const http = decodeBytes(iconv.encode(xml('ISO-8859-1'), 'gbk'), 'application/xml; charset="GB2312"');
  assert.equal(http.encoding, 'gbk');
  assert.ok(http.text.includes(ZH));
});

test('UTF-16 with and without a BOM', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml('UTF-16'), 'utf-16le')]);
  assert.ok(decodeBytes(le).text.includes(ZH));
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(xml('UTF-16'), 'utf-16be')]);
  assert.ok(decodeBytes(be).text.includes(ZH));
  assert.equal(decodeBytes(iconv.encode(xml('UTF-16'), 'utf-16le')).encoding, 'utf-16le');
});

test('valid UTF-8 wins over a wrong declaration, with a diagnostic', () => {
  const result = decodeBytes(Buffer.from(xml('windows-1252')));
  assert.equal(result.encoding, 'utf-8');
  assert.ok(result.text.includes(ZH));
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => diagnostic.code),
    ['encoding-mismatch'],
  );
});

test('undeclared GBK is sniffed; ASCII with a legacy label keeps it', () => {
  const result = decodeBytes(iconv.encode(xml(), 'gbk'));
  assert.equal(result.encoding, 'gb18030');
  assert.ok(result.text.includes(ZH));
  assert.ok(!result.text.includes('\ufffd'));
  assert.equal(decodeBytes(Buffer.from(xml('ISO-8859-1').replace(ZH, 'abc'))).encoding, 'windows-1252');
});

test('legacy encodings decode without U+FFFD', () => {
  const cases: Array<[string, string, string]> = [
    ['Shift_JIS', 'shift_jis', 'こんにちは世界'],
    ['EUC-JP', 'euc-jp', 'こんにちは世界'],
    ['EUC-KR', 'euc-kr', '안녕하세요'],
    ['Big5', 'big5', '臺灣新聞'],
    ['windows-1252', 'windows-1252', 'Café “curly” — €'],
    ['ISO-8859-2', 'iso-8859-2', 'Zażółć gęślą jaźń'],
  ];
  for (const [label, codec, text] of cases) {
    const source = `<?xml version="1.0" encoding="${label}"?><rss><title>${text}</title></rss>`;
    const result = decodeBytes(iconv.encode(source, codec));
    assert.ok(result.text.includes(text), label);
  }
});

test('a few invalid bytes in UTF-8 are replaced, not turned into mojibake', () => {
  const bytes = Buffer.concat([
    Buffer.from(xml('UTF-8').slice(0, 60)),
    Buffer.from([0xff]),
    Buffer.from(xml('UTF-8').slice(60)),
  ]);
  const result = decodeBytes(bytes);
  assert.equal(result.encoding, 'utf-8');
  assert.ok(result.text.includes(ZH));
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => diagnostic.code),
    ['invalid-utf8'],
  );
});
