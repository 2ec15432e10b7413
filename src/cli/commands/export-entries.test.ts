import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../config/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import { exportEntries } from './export-entries.ts';

function entriesOf(yaml: string) {
  const notes: string[] = [];
  const subscriptions = resolveSubscriptions(parseConfig(yaml, '/site/feedmill.yml'));
  return { entries: exportEntries(subscriptions, (text) => notes.push(text)), notes };
}

test('an RSSHub access key and credentials never reach the OPML file', () => {
  const { entries } = entriesOf(`rsshub:
  instances:
    - { url: "https://user:pw@rss.example/base/", key: KEY-in-config }
    - https://second.example/?key=second-key
feeds:
  - rsshub: /zhihu/daily
    categories: [A]
  - rsshub: { route: /x/y, filterout: ad }
    categories: [A]
`);
  assert.deepEqual(
    entries.map((entry) => entry.xmlUrl),
    ['https://rss.example/base/zhihu/daily', 'https://rss.example/base/x/y?filterout=ad'],
  );
});

test('local files are left out with a note; plain web feeds are exported as written', () => {
  const { entries, notes } = entriesOf(`feeds:
  - url: local.xml
    name: local
  - url: https://a.example/feed?x=1&key=mine
    categories: [Tech]
`);
  assert.deepEqual(entries, [
    {
      title: 'https://a.example/feed?x=1&key=mine',
      xmlUrl: 'https://a.example/feed?x=1&key=mine',
      categories: ['Tech'],
    },
  ]);
  assert.deepEqual(notes, ['local is a local file (local.xml); not exported']);
});
