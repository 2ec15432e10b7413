import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { FeedmillError } from '../errors.ts';
import { readOpml } from './read-opml.ts';

test('nested outlines become categories; title wins over text; entities are decoded', () => {
  const { feeds } = readOpml(
    `<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="Tech">
    <outline text="Web &amp; Net">
      <outline type="rss" text="A" title="A &lt;feed&gt;" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>
    </outline>
    <outline type="rss" text="B" xmlUrl=" https://b.example/rss "/>
  </outline>
  <outline type="rss" text="Top" xmlUrl="https://top.example/atom"/>
  <outline type="rss" text="Cat" xmlUrl="https://c.example/" category="/News/World,/Other"/>
  <outline text="empty folder"/>
</body></opml>`,
    'subs.opml',
  );
  assert.deepEqual(feeds, [
    { url: 'https://a.example/feed?x=1&y=2', title: 'A <feed>', categories: ['Tech', 'Web & Net'] },
    { url: 'https://b.example/rss', title: 'B', categories: ['Tech'] },
    { url: 'https://top.example/atom', title: 'Top', categories: [] },
    { url: 'https://c.example/', title: 'Cat', categories: ['News', 'World'] },
  ]);
});

test('a file that is not OPML is an error naming the file', () => {
  assert.throws(
    () => readOpml('<rss><channel/></rss>', 'feeds.xml'),
    (error: unknown) =>
      error instanceof FeedmillError && /feeds\.xml is not an OPML file/.test(error.message),
  );
});

test('no DTD entity expansion: an internal entity stays unexpanded', () => {
  const { feeds } = readOpml(
    '<!DOCTYPE opml [<!ENTITY x "https://evil.example/">]><opml><body><outline xmlUrl="&x;feed"/></body></opml>',
    'x.opml',
  );
  assert.equal(feeds[0]!.url, '&x;feed');
});

test('attribute names in any case, as exporters spell them (xmlUrl, xmlurl, XMLURL, Title)', () => {
  const { feeds } = readOpml(
    `<opml version="1.0"><body>
  <outline TEXT="Folder"><outline text="a" xmlurl="https://a.example/"/></outline>
  <outline Title="B" XMLURL="https://b.example/" TYPE="RSS"/>
  <outline text="c" XmlUrl="https://c.example/" Category="/Tech"/>
</body></opml>`,
    'x.opml',
  );
  assert.deepEqual(feeds, [
    { url: 'https://a.example/', title: 'a', categories: ['Folder'] },
    { url: 'https://b.example/', title: 'B', categories: [] },
    { url: 'https://c.example/', title: 'c', categories: ['Tech'] },
  ]);
});

test('HTML entities that XML does not define are decoded; a bare & in a URL stays', () => {
  const { feeds } = readOpml(
    `<opml><body><outline text="Caf&eacute;&nbsp;&amp;&#160;Th&eacute;" xmlUrl="https://x.example/?a=1&b=2&amp;copy=3&copy=4"/></body></opml>`,
    'x.opml',
  );
  assert.equal(feeds[0]!.title, 'Café\u00a0&\u00a0Thé');
  assert.equal(feeds[0]!.url, 'https://x.example/?a=1&b=2&copy=3&copy=4');
});

test('an empty title falls back to the text, for folders and feeds', () => {
  const { feeds } = readOpml(
    '<opml><body><outline title="" text="Tech"><outline title=" " text="A" xmlUrl="https://a.example/"/></outline></body></opml>',
    'x.opml',
  );
  assert.deepEqual(feeds, [{ url: 'https://a.example/', title: 'A', categories: ['Tech'] }]);
});

test('bytes are decoded by the BOM, else the XML declaration (legacy encodings), CRLF and all', () => {
  const latin1 = Buffer.from(
    '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<opml version="1.0"><body>\r\n<outline text="Caf\u00e9" xmlUrl="https://a.example/"/>\r\n</body></opml>\r\n',
    'latin1',
  );
  assert.equal(readOpml(latin1, 'x.opml').feeds[0]!.title, 'Café');
  const cyrillic = iconv.encode(
    '<?xml version="1.0" encoding="windows-1251"?><opml><body><outline text="Новости"><outline text="Лента" xmlUrl="https://b.example/"/></outline></body></opml>',
    'windows-1251',
  );
  assert.deepEqual(readOpml(cyrillic, 'x.opml').feeds, [
    { url: 'https://b.example/', title: 'Лента', categories: ['Новости'] },
  ]);
  const bom = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(
      '<?xml version="1.0"?><opml><body><outline text="新闻" xmlUrl="https://c.example/"/></body></opml>',
    ),
  ]);
  assert.equal(readOpml(bom, 'x.opml').feeds[0]!.title, '新闻');
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('<opml><body><outline text="Ünï" xmlUrl="https://d.example/"/></body></opml>', 'utf16le'),
  ]);
  assert.equal(readOpml(utf16, 'x.opml').feeds[0]!.title, 'Ünï');
});

test('outlines that look like feeds but cannot be imported are reported, settings outlines are not', () => {
  const { feeds, skipped } = readOpml(
    `<opml version="1.0"><body>
  <outline type="rss" text="No address" htmlUrl="https://site.example/"/>
  <outline type="include" text="More" url="https://x.example/more.opml"/>
  <outline text="tt-rss-prefs" schema-version="2"><outline pref-name="X" value="1"/></outline>
  <outline text="empty folder"/>
  <outline text="ok" xmlUrl="https://ok.example/"/>
</body></opml>`,
    'x.opml',
  );
  assert.deepEqual(
    feeds.map((feed) => feed.url),
    ['https://ok.example/'],
  );
  assert.deepEqual(skipped, [
    { label: 'No address', reason: 'no xmlUrl (the feed address)' },
    {
      label: 'More',
      reason: 'an OPML include (https://x.example/more.opml), not followed: import that file too',
    },
  ]);
});

test('exports shaped like the feed readers write them', () => {
  // Attribute sets as each reader documents or writes them: folders as nested outlines,
  // reader-specific namespaced attributes, htmlUrl, description, version.
  const thunderbird = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0" xmlns:fz="urn:forumzilla:">
  <head><title>Thunderbird OPML Export - Blogs &amp; News Feeds</title><dateCreated>Mon, 07 Dec 2026 10:00:00 GMT</dateCreated></head>
  <body>
    <outline title="Dev" text="Dev">
      <outline title="Web" text="Web">
        <outline type="rss" title="A blog" text="A blog" version="RSS" fz:quickMode="false" fz:options="{&quot;version&quot;:2}" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>
      </outline>
    </outline>
  </body>
</opml>`;
  assert.deepEqual(readOpml(thunderbird, 't.opml'), {
    feeds: [{ url: 'https://a.example/feed', title: 'A blog', categories: ['Dev', 'Web'] }],
    skipped: [],
  });
  const freshRss = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:frss="https://freshrss.org/opml">
<head><title>FreshRSS</title><dateCreated>Mon, 07 Dec 2026 10:00:00 +0000</dateCreated></head>
<body>
<outline text="News">
<outline text="Le Monde" type="rss" xmlUrl="https://lemonde.example/rss/une.xml" htmlUrl="https://lemonde.example/" description="Actualit&#233;s" frss:cssFullContent="article"/>
</outline>
</body>
</opml>`;
  assert.deepEqual(readOpml(freshRss, 'f.opml').feeds, [
    { url: 'https://lemonde.example/rss/une.xml', title: 'Le Monde', categories: ['News'] },
  ]);
  const netNewsWire = `<?xml version="1.0" encoding="UTF-8"?>
<!-- OPML generated by NetNewsWire -->
<opml version="1.1">
	<head>
		<title>Subscriptions-OnMyMac.opml</title>
	</head>
<body>
	<outline text="Tech" title="Tech">
		<outline text="Daring Fireball" title="Daring Fireball" description="" type="rss" version="RSS" htmlUrl="https://df.example/" xmlUrl="https://df.example/feeds/main"/>
	</outline>
	<outline text="Top" title="Top" description="" type="rss" version="RSS" htmlUrl="" xmlUrl="https://top.example/feed.json"/>
	</body>
</opml>`;
  assert.deepEqual(readOpml(netNewsWire, 'n.opml').feeds, [
    { url: 'https://df.example/feeds/main', title: 'Daring Fireball', categories: ['Tech'] },
    { url: 'https://top.example/feed.json', title: 'Top', categories: [] },
  ]);
  // A feed in two folders (NewsBlur, Inoreader tags) is read twice; the import reports the second.
  const twoFolders = `<opml version="1.1"><head><title>NewsBlur Feeds</title></head><body>
<outline text="A" title="A"><outline text="X" title="X" type="rss" version="RSS" htmlUrl="https://x.example/" xmlUrl="https://x.example/rss"/></outline>
<outline text="B" title="B"><outline text="X" title="X" type="rss" version="RSS" htmlUrl="https://x.example/" xmlUrl="https://x.example/rss"/></outline>
</body></opml>`;
  assert.deepEqual(
    readOpml(twoFolders, 'b.opml').feeds.map((feed) => feed.categories),
    [['A'], ['B']],
  );
});

test('an empty body has no feeds; a root that is not <opml> is named', () => {
  assert.deepEqual(readOpml('<opml version="2.0"><head/><body/></opml>', 'e.opml'), {
    feeds: [],
    skipped: [],
  });
  assert.throws(
    () =>
      readOpml(
        '<!DOCTYPE html><html><head><title>Login</title></head><body><p>hi</p></body></html>',
        'p.opml',
      ),
    /p\.opml is not an OPML file: its root element is <html>, not <opml> \(an HTML page\?\)/,
  );
});

// No clock in the assertion: 100,000 outlines are read in about a second; a pass per outline
// over the others (5·10^9 steps) would run far past the timeout.
test('100,000 outlines are read in linear time', { timeout: 60_000 }, () => {
  const outlines = Array.from(
    { length: 100_000 },
    (_, index) =>
      `<outline text="F${index % 50}"><outline text="Feed ${index}" xmlUrl="https://f${index}.example/"/></outline>`,
  ).join('\n');
  const { feeds } = readOpml(`<opml><body>${outlines}</body></opml>`, 'big.opml');
  assert.equal(feeds.length, 100_000);
});

test('a line break written into an attribute is a space, as XML reads it; &#10; stays a line break', () => {
  const { feeds } = readOpml(
    '<opml><body><outline text="Two\r\n\tlines" title="Two\r\n\tlines" xmlUrl="https://a.example/"/><outline text="Kept&#10;break" xmlUrl="https://b.example/"/></body></opml>',
    'x.opml',
  );
  assert.deepEqual(
    feeds.map((feed) => feed.title),
    ['Two  lines', 'Kept\nbreak'],
  );
});
