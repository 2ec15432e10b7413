import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLink } from './find-link.ts';
import type { XmlElement } from './xml-tree.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const link = (attrs: Record<string, string>): XmlElement => ({
  ns: ATOM,
  local: 'link',
  qname: 'link',
  attrs,
  children: [],
  base: undefined,
  lang: undefined,
});
const entry = (...links: XmlElement[]): XmlElement => ({ ...link({}), local: 'entry', children: links });

test('an alternate without href is skipped; rel defaults to alternate', () => {
  const parent = entry(link({ rel: 'alternate', type: 'text/html' }), link({ href: 'https://x.example/a' }));
  assert.equal(findLink(parent, ATOM, 'alternate', undefined), 'https://x.example/a');
});

test('text/html outranks no type, which outranks other types; the IANA IRI form is a rel', () => {
  const parent = entry(
    link({ rel: 'alternate', type: 'application/atom+xml', href: 'https://x.example/feed' }),
    link({ href: 'https://x.example/untyped' }),
    link({ rel: 'http://www.iana.org/assignments/relation/alternate', type: 'text/html', href: '/page' }),
  );
  assert.equal(findLink(parent, ATOM, 'alternate', 'https://x.example/'), 'https://x.example/page');
  assert.equal(
    findLink(entry(parent.children[0] as XmlElement), ATOM, 'alternate', undefined),
    'https://x.example/feed',
  );
  assert.equal(findLink(parent, ATOM, 'self', undefined), undefined);
});
