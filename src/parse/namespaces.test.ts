import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalNamespace, NS } from './namespaces.ts';

test('variant spellings map to the namespace the readers know', () => {
  const cases: Array<[string, string]> = [
    ['http://www.itunes.com/DTDs/PodCast-1.0.dtd', NS.itunes],
    ['https://www.itunes.com/dtds/podcast-1.0.dtd', NS.itunes],
    ['http://search.yahoo.com/mrss', NS.media],
    ['https://search.yahoo.com/mrss/', NS.media],
    ['http://video.search.yahoo.com/mrss', NS.media],
    ['http://purl.org/dc/elements/1.1', NS.dc],
    ['http://purl.org/dc/elements/1.0/', NS.dc],
    ['http://purl.org/dc/terms', NS.dcterms],
    ['http://purl.org/rss/1.0/modules/content', NS.content],
    ['http://www.w3.org/2005/atom', NS.atom],
    ['https://www.w3.org/2005/Atom/', NS.atom],
    ['http://purl.org/atom/ns', NS.atom03],
    ['http://purl.org/atom/ns#draft-ietf-atompub-format-08', NS.atom],
    [' http://www.w3.org/1999/xhtml ', NS.xhtml],
    ['http://backend.userland.com/rss2', NS.none],
  ];
  for (const [uri, canonical] of cases) assert.equal(canonicalNamespace(uri), canonical, uri);
});

test('canonical and unknown namespaces stay as declared', () => {
  for (const uri of [
    ...Object.values(NS),
    'http://example.com/ns/',
    'urn:x-custom',
    'http://purl.org/atom/ns#draft',
  ])
    assert.equal(canonicalNamespace(uri), uri);
});
