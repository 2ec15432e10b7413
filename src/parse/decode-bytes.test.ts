import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { FeedmillError } from '../errors.ts';
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

test('WHATWG labels name their encodings, aliases and legacy names included', () => {
  const cases: Array<[string, string, string]> = [
    ['unicode-1-1-utf-8', 'utf-8', 'Ünïcödé 中文'],
    ['x-unicode20utf8', 'utf-8', 'Ünïcödé 中文'],
    ['csshiftjis', 'shift_jis', 'こんにちは世界'],
    ['ms_kanji', 'shift_jis', 'こんにちは世界'],
    ['csgb2312', 'gb18030', ZH],
    ['iso-ir-58', 'gb18030', ZH],
    ['l2', 'iso-8859-2', 'Zażółć gęślą jaźń'],
    ['csisolatin2', 'iso-8859-2', 'Zażółć gęślą jaźń'],
    ['iso-ir-149', 'cp949', '안녕하세요'],
    ['logical', 'iso-8859-8', 'שלום עולם'],
    ['x-mac-ukrainian', 'maccyrillic', 'Привет мир'],
    ['cp819', 'windows-1252', 'Café “curly” — €'],
  ];
  for (const [label, codec, text] of cases) {
    const source = `<?xml version="1.0" encoding="${label}"?><rss><title>${text}</title></rss>`;
    const result = decodeBytes(iconv.encode(source, codec));
    assert.ok(result.text.includes(text), `${label}: ${result.text}`);
    assert.deepEqual(result.diagnostics, [], label);
  }
});

test('ISO-2022-JP, which iconv-lite lacks, is decoded', () => {
  // こんにちは in ISO-2022-JP: ESC $ B, the JIS X 0208 codes, ESC ( B.
  const kana = Buffer.from('\x1b$B$3$s$K$A$O\x1b(B', 'latin1');
  const bytes = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="ISO-2022-JP"?><rss><title>'),
    kana,
    Buffer.from('</title></rss>'),
  ]);
  const result = decodeBytes(bytes);
  assert.equal(result.encoding, 'iso-2022-jp');
  assert.ok(result.text.includes('<title>こんにちは</title>'), result.text);
});

test('labels of the replacement encoding (ISO-2022-KR, HZ-GB-2312…) fail; they are never read as ASCII', () => {
  // Both are 7-bit: read as UTF-8 they "decode" to text with escape sequences in it.
  const body = Buffer.from('<?xml version="1.0"?><rss><title>\x1b$)C\x0e!!\x0f</title></rss>', 'latin1');
  for (const contentType of ['application/rss+xml; charset=ISO-2022-KR', 'text/xml; charset="hz-gb-2312"']) {
    assert.throws(
      () => decodeBytes(body, contentType),
      (error: unknown) =>
        error instanceof FeedmillError && error.code === 'PARSE_FAILED' && /replacement/.test(error.message),
      contentType,
    );
  }
  const declared = Buffer.from(
    '<?xml version="1.0" encoding="iso-2022-cn"?><rss><title>~{<:Ky2;~}</title></rss>',
  );
  assert.throws(() => decodeBytes(declared), FeedmillError);
});

test('a label WHATWG does not know is not used: UTF-7 and UTF-32 decode nothing', () => {
  // UTF-7 would turn "+ADw-" into "<": the reason browsers dropped it.
  const utf7 = Buffer.from(
    '<?xml version="1.0" encoding="UTF-7"?><rss><title>A+ADw-B C++-style</title></rss>',
  );
  const result = decodeBytes(utf7);
  assert.equal(result.encoding, 'utf-8');
  assert.ok(result.text.includes('A+ADw-B C++-style'));
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => diagnostic.code),
    ['encoding-unknown'],
  );
  const utf32 = decodeBytes(Buffer.from(xml('UTF-32')));
  assert.equal(utf32.encoding, 'utf-8');
  assert.ok(utf32.text.includes(ZH));
  const asHttp = decodeBytes(Buffer.from(xml().replace(ZH, 'a+ADw-b')), 'text/xml; charset=utf-7');
  assert.ok(asHttp.text.includes('a+ADw-b'));
});

test('an HTTP charset WHATWG does not know gives way to the XML declaration', () => {
  const text = 'Zażółć gęślą jaźń';
  const source = `<?xml version="1.0" encoding="ISO-8859-2"?><rss><title>${text}</title></rss>`;
  const result = decodeBytes(iconv.encode(source, 'iso-8859-2'), 'application/rss+xml; charset=x-unknown');
  assert.equal(result.encoding, 'iso-8859-2');
  assert.ok(result.text.includes(text), result.text);
});

test('text/xml without a charset follows the XML declaration (RFC 7303 §8.5: no US-ASCII default)', () => {
  const text = 'Привет мир';
  const source = `<?xml version="1.0" encoding="windows-1251"?><rss><title>${text}</title></rss>`;
  const result = decodeBytes(iconv.encode(source, 'windows-1251'), 'text/xml');
  assert.equal(result.encoding, 'windows-1251');
  assert.ok(result.text.includes(text));
});

test('a UTF-16 charset on bytes that are plainly ASCII-compatible is not used', () => {
  const result = decodeBytes(Buffer.from(xml()), 'application/rss+xml; charset=utf-16');
  assert.equal(result.encoding, 'utf-8');
  assert.ok(result.text.startsWith('<?xml version="1.0"?><rss>'), result.text.slice(0, 40));
  assert.ok(result.text.includes(ZH));
});

test('x-user-defined maps 0x80–0xFF to U+F780–U+F7FF', () => {
  const bytes = Buffer.concat([
    Buffer.from('<rss><title>a'),
    Buffer.from([0x80, 0xff]),
    Buffer.from('</title></rss>'),
  ]);
  const result = decodeBytes(bytes, 'text/xml; charset=x-user-defined');
  assert.equal(result.encoding, 'x-user-defined');
  assert.ok(result.text.includes('<title>a\uf780\uf7ff</title>'));
});

test('JSON is UTF-8 whatever charset is sent (RFC 8259 §8.1, §11); a UTF-8 BOM is skipped', () => {
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: `${ZH} C++-style` });
  for (const contentType of [
    'application/feed+json; charset=utf-16',
    'application/json; charset=ISO-2022-KR',
    'application/feed+json; charset=utf-7',
    'application/json; charset=gbk',
  ]) {
    const result = decodeBytes(Buffer.from(json), contentType);
    assert.equal(result.text, json, contentType);
    assert.equal(result.encoding, 'utf-8', contentType);
  }
  const bom = decodeBytes(
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
    'application/json',
  );
  assert.equal(bom.text, json);
  // Without a JSON type: the body is JSON by its first character.
  assert.equal(decodeBytes(Buffer.from(` \n${json}`), 'text/plain; charset=utf-16').text, ` \n${json}`);
});

test('an HTTP charset of UTF-8 the bytes disprove gives way to the XML declaration', () => {
  // A server adding charset=utf-8 to everything, in front of a feed written in ISO-8859-2.
  const text = 'Zażółć gęślą jaźń';
  const source = `<?xml version="1.0" encoding="ISO-8859-2"?><rss><title>${text}</title></rss>`;
  const result = decodeBytes(iconv.encode(source, 'iso-8859-2'), 'application/rss+xml; charset=utf-8');
  assert.equal(result.encoding, 'iso-8859-2');
  assert.ok(result.text.includes(text), result.text);
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => diagnostic.code),
    ['encoding-mismatch'],
  );
  // UTF-8 with a few damaged bytes stays UTF-8 whatever the declaration says.
  const declaration = xml('ISO-8859-2');
  const damaged = Buffer.concat([
    Buffer.from(declaration.slice(0, 20)),
    Buffer.from([0xff]),
    Buffer.from(declaration.slice(20)),
  ]);
  const kept = decodeBytes(damaged, 'text/xml; charset=UTF-8');
  assert.equal(kept.encoding, 'utf-8');
  assert.ok(kept.text.includes(ZH));
});
