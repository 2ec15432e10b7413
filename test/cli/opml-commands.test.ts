import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { main } from '../../src/cli/index.ts';
import { runFeedmill } from '../support/hexo-site.ts';
import { bufferOutput } from './buffer-output.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-opml-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, 'feedmill.yml');
const CONFIG = `# keep me
rsshub:
  instances: [https://rsshub.example]
feeds:
  - url: rsshub:/sina/finance # the seed's route
    name: sina
    categories: [金融, 新浪财经]
  - url: local.xml
    name: local
`;
const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Reader export</title></head><body>
  <outline text="Finance"><outline text="Sina" type="rss" xmlUrl="https://rsshub.example/sina/finance"/></outline>
  <outline text="Tech"><outline text="Web"><outline text="Hexo" type="rss" xmlUrl="https://hexo.example/atom.xml"/></outline></outline>
</body></opml>
`;

test('import adds new feeds with categories, skips duplicates, keeps comments', async () => {
  writeFileSync(config, CONFIG);
  writeFileSync(join(dir, 'subs.opml'), OPML);
  const dry = bufferOutput(false);
  assert.equal(
    await main(['import', join(dir, 'subs.opml'), '--config', config, '--dry-run'], dry),
    0,
    dry.stderr,
  );
  assert.match(dry.stdout, /would add {2}Hexo \(https:\/\/hexo\.example\/atom\.xml\) in Tech \/ Web/);
  assert.equal(readFileSync(config, 'utf8'), CONFIG, 'dry run changes nothing');
  const result = await runFeedmill(['import', 'subs.opml'], dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /skipped {2}Sina: already in the config/);
  assert.match(result.stdout, /2 feed\(s\) in .*subs\.opml: 1 added to .*feedmill\.yml, 1 skipped/);
  const text = readFileSync(config, 'utf8');
  assert.ok(text.startsWith(CONFIG), text);
  assert.match(
    text,
    /- url: https:\/\/hexo\.example\/atom\.xml\n {4}name: Hexo\n {4}categories: \[Tech, Web\]\n$/,
  );
});

test('export prints OPML 2.0 with folders; -o writes a file; local files are left out', async () => {
  const output = bufferOutput(false);
  assert.equal(await main(['export', '--config', config], output), 0);
  assert.match(output.stdout, /<opml version="2\.0">/);
  // Titled with the site's folder name, never a path of this machine.
  assert.match(output.stdout, new RegExp(`<title>feedmill subscriptions \\(${basename(dir)}\\)</title>`));
  assert.doesNotMatch(output.stdout, new RegExp(dir.replaceAll('/', '\\/')));
  assert.match(output.stdout, /<outline text="金融" title="金融">\n\s+<outline text="新浪财经"/);
  assert.match(output.stdout, /xmlUrl="https:\/\/rsshub\.example\/sina\/finance"/);
  assert.doesNotMatch(output.stdout, /local\.xml/);
  assert.match(output.stderr, /local is a local file \(local\.xml\); not exported/);
  const file = await runFeedmill(['export', '-o', 'out.opml'], dir);
  assert.equal(file.code, 0, file.stderr);
  assert.match(readFileSync(join(dir, 'out.opml'), 'utf8'), /xmlUrl="https:\/\/hexo\.example\/atom\.xml"/);
});

test('export leaves a secret from the environment out: its ${NAME} is exported', async () => {
  const secretConfig = join(dir, 'secret.yml');
  writeFileSync(
    secretConfig,
    'feeds:\n  - url: "https://private.example/feed?token=${FEED_TOKEN}"\n    name: private\n',
  );
  process.env.FEED_TOKEN = 'tok-51c0e2';
  const output = bufferOutput(false);
  try {
    assert.equal(await main(['export', '--config', secretConfig], output), 0);
  } finally {
    delete process.env.FEED_TOKEN;
  }
  assert.doesNotMatch(output.stdout, /tok-51c0e2/);
  assert.match(output.stdout, /xmlUrl="https:\/\/private\.example\/feed\?token=\$\{FEED_TOKEN\}"/);
  assert.match(output.stderr, /private's url is exported with \$\{FEED_TOKEN\} in place of the value/);
});

test('errors name the file and what to do', async () => {
  const missing = bufferOutput(false);
  assert.equal(await main(['import', join(dir, 'nope.opml'), '--config', config], missing), 1);
  assert.match(
    missing.stderr,
    /cannot read OPML file .*nope\.opml: ENOENT \(check the path\) \[FILE_NOT_FOUND\]/,
  );
  writeFileSync(join(dir, 'feed.xml'), '<rss><channel/></rss>');
  const notOpml = bufferOutput(false);
  assert.equal(await main(['import', join(dir, 'feed.xml'), '--config', config], notOpml), 1);
  assert.match(notOpml.stderr, /feed\.xml is not an OPML file/);
  const usage = bufferOutput(false);
  assert.equal(await main(['import'], usage), 2);
  assert.match(usage.stderr, /takes one OPML file \(see feedmill import --help\)/);
});

test('import: a legacy-encoded export, a keyed instance, outlines it cannot import reported', async () => {
  const keyed = join(dir, 'keyed.yml');
  const text = `rsshub:\n  instances: [{ url: "https://rsshub.example", key: K }]   # keyed\nfeeds: [] # none yet\n`;
  writeFileSync(keyed, text);
  writeFileSync(
    join(dir, 'latin1.opml'),
    Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<opml version="1.0"><body>\r\n` +
        `<outline text="Actualit\u00e9s"><outline text="Zhihu" type="rss" xmlUrl="https://rsshub.example/zhihu/daily?key=K"/></outline>\r\n` +
        `<outline type="include" text="More" url="https://x.example/more.opml"/>\r\n</body></opml>\r\n`,
      'latin1',
    ),
  );
  const output = bufferOutput(false);
  assert.equal(await main(['import', join(dir, 'latin1.opml'), '--config', keyed], output), 0, output.stderr);
  assert.match(
    output.stdout,
    /^skipped {2}More: an OPML include \(https:\/\/x\.example\/more\.opml\), not followed/m,
  );
  assert.match(output.stdout, /2 feed\(s\) in .*latin1\.opml: 1 added to .*keyed\.yml, 1 skipped/);
  assert.equal(
    readFileSync(keyed, 'utf8'),
    `rsshub:\n  instances: [{ url: "https://rsshub.example", key: K }]   # keyed\nfeeds: # none yet\n  - url: rsshub:/zhihu/daily\n    name: Zhihu\n    categories: [Actualités]\n`,
  );
});

test('round trip: importing an export gives back the feeds; into the same config, nothing', async () => {
  const original = join(dir, 'original.yml');
  const feeds = [
    { url: 'rsshub:/zhihu/daily', categories: ['社交媒体', '知乎'] },
    { url: 'rsshub:/x/y?filterout=%E5%B9%BF%E5%91%8A', name: 'X "quoted" & <b>', categories: ['A'] },
    { url: 'https://a.example/feed?x=1&y=2', name: 'Tab\there', categories: ['Tech', 'Web', 'Deep'] },
    { url: 'https://b.example/atom.xml' },
  ];
  writeFileSync(
    original,
    `rsshub:\n  instances: [{ url: "https://rsshub.example/base", key: K }]\nfeeds:\n${feeds
      .map((feed) => `  - ${JSON.stringify(feed)}\n`)
      .join('')}`,
  );
  const exported = bufferOutput(false);
  assert.equal(await main(['export', '--config', original, '-o', join(dir, 'rt.opml')], exported), 0);
  assert.doesNotMatch(readFileSync(join(dir, 'rt.opml'), 'utf8'), /key=K/);
  const copy = join(dir, 'copy.yml');
  writeFileSync(copy, 'rsshub:\n  instances: [https://rsshub.example/base]\n');
  const imported = bufferOutput(false);
  assert.equal(await main(['import', join(dir, 'rt.opml'), '--config', copy], imported), 0, imported.stderr);
  assert.deepEqual((parse(readFileSync(copy, 'utf8')) as { feeds: unknown }).feeds, feeds);
  const again = bufferOutput(false);
  assert.equal(await main(['import', join(dir, 'rt.opml'), '--config', original], again), 0);
  assert.match(again.stdout, /4 feed\(s\) in .*: 0 added to .*, 4 skipped/);
});
