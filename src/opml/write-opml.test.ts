import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOpml } from './read-opml.ts';
import { writeOpml } from './write-opml.ts';

test('OPML 2.0 with nested folders, escaped attributes, and it reads back the same', () => {
  const entries = [
    { title: 'A & "B"', xmlUrl: 'https://a.example/?x=1&y=2', categories: ['金融', '新浪财经'] },
    { title: 'C', xmlUrl: 'https://c.example/feed', categories: ['金融'] },
    { title: 'D', xmlUrl: 'https://d.example/feed', categories: [] },
  ];
  const text = writeOpml(entries, 'subs <mine>', new Date('2026-12-01T00:00:00Z'));
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
  assert.match(text, /<title>subs &lt;mine&gt;<\/title>/);
  assert.match(text, /<dateCreated>Tue, 01 Dec 2026 00:00:00 GMT<\/dateCreated>/);
  assert.match(text, /xmlUrl="https:\/\/a\.example\/\?x=1&amp;y=2"/);
  assert.deepEqual(
    readOpml(text, 'round-trip').feeds.map((feed) => ({
      title: feed.title,
      xmlUrl: feed.url,
      categories: feed.categories,
    })),
    [entries[0], entries[1], entries[2]],
  );
});

test('any title a config can hold gives well-formed XML that a strict parser reads back exactly', async () => {
  const title = 'Line one\nline two\ttab\r & "q" \'a\' <b> \u0001\u001f\uFFFE end';
  const text = writeOpml(
    [{ title, xmlUrl: 'https://a.example/?a=1&b="2"', categories: ['Tech\nNews', 'x\u0008y'] }],
    'subs\u0000',
    new Date('2026-12-01T00:00:00Z'),
  );
  const document = await parseStrictXml(text);
  assert.equal(document.getElementsByTagName('parsererror').length, 0, text);
  const outlines = document.getElementsByTagName('outline');
  const feed = outlines.find((outline) => outline.hasAttribute('xmlUrl'))!;
  // Characters XML 1.0 cannot carry at all (C0 controls but tab, CR, LF; U+FFFE) are dropped.
  assert.equal(feed.getAttribute('title'), 'Line one\nline two\ttab\r & "q" \'a\' <b>  end');
  assert.equal(feed.getAttribute('xmlUrl'), 'https://a.example/?a=1&b="2"');
  assert.deepEqual(
    outlines
      .filter((outline) => !outline.hasAttribute('xmlUrl'))
      .map((outline) => outline.getAttribute('text')),
    ['Tech\nNews', 'xy'],
  );
  assert.equal(document.getElementsByTagName('title')[0]!.textContent, 'subs');
});

interface XmlElement {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  textContent: string | null;
}

/**
 * jsdom's DOMParser, a strict XML 1.0 parser (ill-formed input gives a <parsererror>). Loaded
 * through a computed specifier with a narrow type: jsdom's typings bring in the DOM library,
 * which would change the types of every other file the project compiles.
 */
async function parseStrictXml(text: string): Promise<{ getElementsByTagName(name: string): XmlElement[] }> {
  const specifier = 'jsdom';
  const { JSDOM } = (await import(specifier)) as {
    JSDOM: new () => {
      window: {
        DOMParser: new () => {
          parseFromString(
            text: string,
            type: string,
          ): { getElementsByTagName(name: string): ArrayLike<XmlElement> };
        };
      };
    };
  };
  const document = new new JSDOM().window.DOMParser().parseFromString(text, 'application/xml');
  return { getElementsByTagName: (name) => Array.from(document.getElementsByTagName(name)) };
}
