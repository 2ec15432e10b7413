import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';
import type { Diagnostic } from '../../../src/errors.ts';
import { createPageFetcher, DEFAULT_FETCH_OPTIONS, type HttpPageFetcher } from '../../../src/fetch/index.ts';
import type { Item, Subscription } from '../../../src/model.ts';
import { createFullTextProcessor } from '../../../src/process/full-text/index.ts';
import type { ProcessContext } from '../../../src/process/index.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const CASES = readdirSync(DIR)
  .filter((name) => name.endsWith('.html'))
  .map((name) => name.slice(0, -'.html'.length))
  .sort();

interface CaseOptions {
  selector?: string;
  remove?: string[];
  encoding?: string;
}

const optionsOf = (name: string): CaseOptions => {
  const file = join(DIR, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CaseOptions) : {};
};

// Elements that start a line of the expected text.
const BLOCKS = new Set(
  'p h1 h2 h3 h4 h5 h6 li blockquote pre figcaption td th dt dd div article section header footer br tr'.split(
    ' ',
  ),
);

/** The text of an HTML fragment, one line per block, white space folded, empty lines dropped. */
function blockLines(html: string): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag: (name) => BLOCKS.has(name) && flush(),
      onclosetag: (name) => BLOCKS.has(name) && flush(),
      ontext(text) {
        line += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  flush();
  return `${lines.join('\n')}\n`;
}

let server: ReturnType<typeof createServer>;
let origin: string;
let fetcher: HttpPageFetcher;

before(async () => {
  server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
    if (!CASES.includes(name)) return void response.writeHead(404).end();
    const text = readFileSync(join(DIR, `${name}.html`), 'utf8');
    const encoding = optionsOf(name).encoding ?? 'utf-8';
    response.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(text, encoding));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetcher = createPageFetcher({ ...DEFAULT_FETCH_OPTIONS, perHost: 1 });
});

after(() => {
  fetcher.close();
  server.close();
});

for (const name of CASES) {
  test(`full text of ${name}`, async () => {
    const options = optionsOf(name);
    const item: Item = {
      key: name,
      url: `${origin}/${name}`,
      title: name,
      html: '<p>A one-line summary.</p>',
      published: new Date(0),
      publishedKnown: true,
      authors: [],
      tags: [],
    };
    const diagnostics: Diagnostic[] = [];
    const subscription = {
      name,
      source: name,
      locations: [],
      categories: [],
      limit: 15,
      timezone: 'UTC',
      fullText: {
        kind: 'page',
        ...(options.selector === undefined ? {} : { selector: options.selector }),
        remove: options.remove ?? [],
      },
    } satisfies Subscription;
    const context: ProcessContext = {
      subscription,
      feed: { version: 'https://jsonfeed.org/version/1.1', title: name, items: [] },
      now: new Date(0),
      fetchPage: fetcher,
      cache: { get: () => undefined, set: () => {} },
      known: new Set(),
      diagnostics,
    };
    const [out] = await createFullTextProcessor().process([item], context);
    assert.deepEqual(diagnostics, []);
    const actual = blockLines(out!.html);
    const expectedFile = join(DIR, `${name}.expected.txt`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedFile, actual);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
    // Every link and image is absolute against the page it came from.
    for (const [, url] of out!.html.matchAll(/(?:href|src)="([^"]*)"/g)) assert.match(url!, /^(?:https?:|#)/);
  });
}
