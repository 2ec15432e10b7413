import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeHTMLStrict } from 'entities';
import { decodeXmlReferences } from './decode-xml-references.ts';

// XML's own references, as the lenient path's check (tree-builder.ts) recognises them.
const XML_ONLY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i;

test('decodes XML references exactly as decodeHTMLStrict, and declines everything else', () => {
  const pieces = [
    '&amp;',
    '&lt;',
    '&gt;',
    '&quot;',
    '&apos;',
    '&AMP;',
    '&Lt;',
    '&amp',
    '&lt',
    '&ap;',
    '&apo;',
    '&quo;',
    '&#38;',
    '&#x26;',
    '&#X26;',
    '&#0;',
    '&#128;',
    '&#150;',
    '&#159;',
    '&#x110000;',
    '&#xD800;',
    '&#99999999999999999999;',
    '&#000065;',
    '&#x;',
    '&#;',
    '&#65',
    '&#x41',
    '&#x1F600;',
    '&#55357;',
    '&nbsp;',
    '&copy',
    '&notin;',
    '&hellip;',
    '&',
    '&&',
    '&;',
    'a',
    '中',
    ' ',
    '<',
    ';',
    '#',
    'x',
    'lt',
    'amp;',
  ];
  let seed = 5;
  for (let round = 0; round < 20_000; round++) {
    let text = '';
    const count = 1 + (round % 7);
    for (let index = 0; index < count; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      text += pieces[seed % pieces.length];
    }
    const fast = decodeXmlReferences(text);
    if (XML_ONLY.test(text) || /&[A-Z]/.test(text)) {
      // Declined (HTML entities, bare '&', upper-case names) or decoded identically.
      if (fast !== undefined) assert.equal(fast, decodeHTMLStrict(text), JSON.stringify(text));
    } else assert.equal(fast, decodeHTMLStrict(text), JSON.stringify(text));
  }
});

test('declines text with an HTML entity or a bare ampersand', () => {
  assert.equal(decodeXmlReferences('a &nbsp; b'), undefined);
  assert.equal(decodeXmlReferences('R&D'), undefined);
  assert.equal(decodeXmlReferences('&lt;p&gt;Q&amp;A&lt;/p&gt;'), '<p>Q&A</p>');
  assert.equal(decodeXmlReferences('no references'), 'no references');
});
