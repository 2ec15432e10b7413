import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
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
