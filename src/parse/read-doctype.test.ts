import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDoctype } from './read-doctype.ts';

test('reads general entities of the internal subset; the first declaration binds', () => {
  const text = `<?xml version="1.0"?>
<!-- a comment -->
<?pi x?>
<!DOCTYPE rss [
  <!ENTITY a "one &#65;&#x42; &b;">
  <!ENTITY a "second">
  <!ENTITY b 'with "quotes" and > and <tags>'>
  <!ENTITY % p "param">
  %p;
  <!ENTITY lt "&#38;#60;">
  <!ENTITY ext SYSTEM "file:///etc/passwd">
  <!ATTLIST rss version CDATA "2.0 > 1.0">
]><rss/>`;
  const doctype = readDoctype(text)!;
  assert.equal(text.slice(doctype.start, doctype.end).slice(0, 9), '<!DOCTYPE');
  assert.equal(text.slice(doctype.end), '<rss/>');
  assert.equal(doctype.hasSubset, true);
  assert.deepEqual(Object.fromEntries(doctype.entities), {
    a: { kind: 'internal', value: 'one AB &b;' },
    b: { kind: 'internal', value: 'with "quotes" and > and <tags>' },
    ext: { kind: 'external' },
  });
});

test('reads the external ids of a DOCTYPE without a subset', () => {
  const doctype = readDoctype(
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss/>',
  )!;
  assert.equal(doctype.publicId, '-//Netscape Communications//DTD RSS 0.91//EN');
  assert.equal(doctype.systemId, 'http://my.netscape.com/publish/formats/rss-0.91.dtd');
  assert.equal(doctype.hasSubset, false);
});

test('no DOCTYPE, one after the root element, or a malformed one: nothing', () => {
  assert.equal(readDoctype('<rss><!DOCTYPE x [<!ENTITY a "b">]></rss>'), undefined);
  assert.equal(readDoctype('<?xml version="1.0"?><rss/>'), undefined);
  assert.equal(readDoctype('<!DOCTYPE rss [ <!ENTITY a "unclosed> <rss/>'), undefined);
  assert.equal(readDoctype('<!DOCTYPE rss [ <!ENTITY a "b">'), undefined);
});
