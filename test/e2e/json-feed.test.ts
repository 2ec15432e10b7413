import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import { createHexoSite, type HexoSite, postPages, runFeedmill } from '../support/hexo-site.ts';

// A JSON Feed in the shapes real generators write: the version URL as the specification's page
// spells it, numbers where text belongs (YAML front matter through `jsonify`), a bare author name,
// a plain-text body, an episode in three formats (alternates by title) and a file without a type.
const FEED = {
  version: 'https://www.jsonfeed.org/version/1.1/',
  title: 'Wild JSON',
  home_page_url: 'https://wild.example.org/',
  items: [
    {
      id: 1,
      url: 'https://wild.example.org/1984',
      title: 1984,
      author: 'Jane Writer',
      tags: [2024, 'books'],
      date_published: '2024-03-05T08:00:00Z',
      content_text: 'a <b>bold</b> claim\r\nsecond line\n\nnew paragraph',
      attachments: [
        { url: 'https://wild.example.org/1984.wav', mime_type: 'audio/wav', title: 'Reading' },
        { url: 'https://wild.example.org/1984.ogg', mime_type: 'audio/ogg', title: 'Reading' },
        { url: 'https://wild.example.org/1984.mp3', mime_type: 'audio/mpeg', title: 'Reading' },
        { url: 'https://wild.example.org/1984-notes.pdf' },
      ],
    },
  ],
};

let site: HexoSite;
let page: string;
let front: Record<string, unknown>;

before(async () => {
  site = createHexoSite();
  writeFileSync(join(site.root, 'wild.json'), JSON.stringify(FEED));
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    'optional_keys: [tags]\nfeeds:\n  - url: wild.json\n    categories: [Wild]\n',
  );
  const run = await runFeedmill(['run'], site.root);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const files = readdirSync(site.postsDir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'));
  assert.equal(files.length, 1, files.join(', '));
  const text = readFileSync(join(site.postsDir, files[0]!), 'utf8');
  front = yaml.load(text.slice(4, text.indexOf('\n---\n', 4))) as Record<string, unknown>;
  const generate = await site.generate();
  assert.equal(generate.code, 0, generate.stderr);
  const pages = postPages(site);
  assert.equal(pages.length, 1);
  page = readFileSync(pages[0]!, 'utf8');
});
after(() => site.remove());

test('numbers where text belongs are read as text: title, tags; a bare author name is the author', () => {
  assert.equal(front.title, '1984');
  assert.deepEqual(front.tags, ['2024', 'books']);
  assert.match(page, /<h1 class="post-title">1984<\/h1>/);
  assert.match(page, /<div class="post-author">Jane Writer<\/div>/);
});

test('content_text is shown as text, its line breaks kept', () => {
  assert.match(page, /<p>a &lt;b&gt;bold&lt;\/b&gt; claim<br>\s*second line<\/p>\s*<p>new paragraph<\/p>/);
});

test('attachments with one title are alternates: one player, of the MP3; a file without a type is linked', () => {
  assert.equal(page.match(/<audio /g)?.length, 1);
  assert.match(page, /<source src="https:\/\/wild\.example\.org\/1984\.mp3" type="audio\/mpeg">/);
  assert.doesNotMatch(page, /1984\.wav|1984\.ogg/);
  assert.match(
    page,
    /<a [^>]*href="https:\/\/wild\.example\.org\/1984-notes\.pdf">Download 1984-notes\.pdf<\/a>/,
  );
});
