import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { routesAdd } from '../../src/cli/commands/routes-add.ts';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';
import { runCli, runMain } from './run-cli.ts';

const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
let good: FakeRsshub;
let failing: FakeRsshub;
let dir: string;
let config: string;

const CONFIG = (failingUrl: string, goodUrl: string) => `# my feeds (hand written)
hexo: site   # the Hexo root

rsshub:
  instances:
    - ${failingUrl}        # often down
    - { url: '${goodUrl}', key: 'very-secret-key' }

feeds:
  # the seed
  - url: rsshub:/sina/finance
    categories: [金融, 新浪财经, 新浪财经－国內]
`;

before(async () => {
  failing = await startFakeRsshub({ status: 502 });
  good = await startFakeRsshub({ key: 'very-secret-key' });
  dir = mkdtempSync(join(tmpdir(), 'feedmill-routes-'));
  config = join(dir, 'feedmill.yml');
  writeFileSync(config, CONFIG(failing.url, good.url));
});
after(async () => {
  await good.close();
  await failing.close();
  rmSync(dir, { recursive: true, force: true });
});

test('routes update loads the catalogue from the instance that answers, key redacted', async () => {
  const result = await runCli(['routes', 'update', '--config', config], dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`34 routes in 20 namespaces from ${good.url}/api/namespace`));
  assert.match(result.stderr, /502/);
  assert.doesNotMatch(result.stdout + result.stderr, /very-secret-key/);
});

test('routes search finds routes by name, site and path', async () => {
  const result = await runMain(['routes', 'search', '财经', '--config', config]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /\/sina\/finance\/china\/:lid\?\s+传统媒体 \/ 新浪 \/ 财经－国內 {2}\(e\.g\. \/sina\/finance\/china\)/,
  );
  const none = await runMain(['routes', 'search', 'zzzz-nothing', '--config', config]);
  assert.equal(none.code, 0);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /no route matches/);
  const usage = await runMain(['routes', 'search', '--config', config]);
  assert.equal(usage.code, 2);
});

test('routes list filters by category key or label', async () => {
  const finance = await runMain(['routes', 'list', '--category', 'finance', '--config', config]);
  assert.equal(finance.code, 0, finance.stderr);
  const lines = finance.stdout.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.ok(lines.every((line) => line.includes('金融 / ')));
  const byLabel = await runMain(['routes', 'list', '--category', '金融', '--json', '--config', config]);
  const routes = JSON.parse(byLabel.stdout) as { path: string; filedUnder: string[] }[];
  assert.deepEqual(
    routes.map((route) => route.path),
    [
      '/cls/telegraph/:category?',
      '/cls/depth/:category?',
      '/eastmoney/report/:category',
      '/xueqiu/user/:id/:type?',
    ],
  );
  const all = await runMain(['routes', 'list', '--config', config]);
  assert.equal(all.stdout.trim().split('\n').length, 34);
});

test('routes show prints one route, and refuses an unknown one', async () => {
  const result = await runMain(['routes', 'show', '/sina/finance/china', '--config', config]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^route: +\/sina\/finance\/china\/:lid\?$/m);
  assert.match(result.stdout, /^filed under: 传统媒体 \/ 新浪 \/ 财经－国內$/m);
  assert.match(result.stdout, /^ {2}lid: 分区/m);
  assert.match(result.stdout, /^maintainers: yubinbai$/m);
  // RSSHub's Chinese name of an English-named route: shown, and the folder (rsshub.lang: zh) uses it.
  const translated = await runMain([
    'routes',
    'show',
    '/hackernews/threads/comments_list/dang',
    '--config',
    config,
  ]);
  assert.match(translated.stdout, /^name: +User \(zh: 用户\)$/m);
  assert.match(translated.stdout, /^filed under: 编程 \/ Hacker News \/ 用户$/m);
  const search = await runMain(['routes', 'search', '用户', '--config', config]);
  assert.match(search.stdout, /^\/hackernews\/:section\?/m);
  const missing = await runMain(['routes', 'show', '/sina/finance', '--config', config]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /not in the catalogue/);
});

test('routes add appends the feed and keeps every comment and the layout', async () => {
  const before = readFileSync(config, 'utf8');
  const added = await runCli(['routes', 'add', '/sina/finance/china', '--config', config], dir);
  assert.equal(added.code, 0, added.stderr);
  const after = readFileSync(config, 'utf8');
  assert.equal(after, `${before}  - url: rsshub:/sina/finance/china\n    name: 新浪 财经－国內\n`);
  const again = await runMain(['routes', 'add', '/sina/finance/china', '--config', config]);
  assert.match(again.stdout, /already subscribed/);
  assert.equal(readFileSync(config, 'utf8'), after);
});

test('routes add fills parameters and rejects unknown or missing ones', async () => {
  const filled = await runMain([
    'routes',
    'add',
    '/github/issue/:user/:repo/:state?/:labels?',
    '-p',
    'user=a',
    '--param',
    'repo=b c',
    '--config',
    config,
  ]);
  assert.equal(filled.code, 0, filled.stderr);
  assert.match(
    readFileSync(config, 'utf8'),
    /- url: rsshub:\/github\/issue\/a\/b%20c\n {4}name: GitHub Repo Issues\n/,
  );
  const unfilled = await runMain(['routes', 'add', '/bilibili/user/video/:uid/:embed?', '--config', config]);
  assert.equal(unfilled.code, 2);
  assert.match(unfilled.stderr, /needs parameters it was not given:\n {2}uid: 用户 id\n/);
  assert.match(unfilled.stderr, /pass them as --param uid=…/);
  assert.doesNotMatch(readFileSync(config, 'utf8'), /bilibili/);
  const wrong = await runMain([
    'routes',
    'add',
    '/sina/finance/china',
    '--param',
    'nope=1',
    '--config',
    config,
  ]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /no parameter nope/);
  const missing = await runMain([
    'routes',
    'add',
    '/github/release/:user/:repo',
    '--param',
    'user=x',
    '--config',
    config,
  ]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^ {2}repo: repository$/m);
  assert.doesNotMatch(missing.stderr, /^ {2}user/m);
  assert.match(readFileSync(config, 'utf8'), /^# my feeds \(hand written\)\nhexo: site {3}# the Hexo root\n/);
});

test('routes add asks for each missing required parameter on a terminal, with its description', async () => {
  const asked: string[] = [];
  const answers: Record<string, string> = { user: 'octo', repo: 'hello world' };
  const out: string[] = [];
  const output = { out: (text: string) => void out.push(text), err: () => {}, isTTY: true };
  const code = await routesAdd(
    ['/github/issue/:user/:repo/:state?/:labels?', '--param', 'state=closed', '--config', config],
    output,
    async (question) => {
      asked.push(question);
      return answers[question.split(' ')[0] ?? ''] ?? '';
    },
  );
  assert.equal(code, 0);
  assert.deepEqual(asked, ['user (GitHub username): ', 'repo (GitHub repo name): ']);
  assert.match(
    readFileSync(config, 'utf8'),
    /- url: rsshub:\/github\/issue\/octo\/hello%20world\/closed\n {4}name: GitHub Repo Issues \(\/github\/issue\/octo\/hello%20world\/closed\)\n/,
  );
  await assert.rejects(
    routesAdd(['/github/release/:user/:repo', '--config', config], output, async () => ''),
    /needs parameters it was not given:\n {2}user: owner\n {2}repo: repository/,
  );
});

test('routes add prompts through a real terminal (script) and reads the answers from it', async () => {
  const command = `${process.execPath} --import ${TSX} ${BIN} routes add /github/release/:user/:repo --config ${config}`;
  const result = await new Promise<string>((resolve) => {
    const child = execFile(
      'script',
      ['-qec', command, '/dev/null'],
      { cwd: dir, encoding: 'utf8', timeout: 30_000 },
      (_error, stdout) => resolve(stdout),
    );
    let sent = 0;
    child.stdout?.on('data', (chunk: string) => {
      if (sent === 0 && chunk.includes('user (owner): ')) {
        sent = 1;
        child.stdin?.write('tty-user\n');
      } else if (sent === 1 && chunk.includes('repo (repository): ')) {
        sent = 2;
        child.stdin?.write('tty-repo\n');
      }
    });
  });
  assert.match(result, /added rsshub:\/github\/release\/tty-user\/tty-repo/);
  assert.match(readFileSync(config, 'utf8'), /- url: rsshub:\/github\/release\/tty-user\/tty-repo\n/);
});

test('routes with no subcommand prints help; an unknown one is a usage error', async () => {
  const help = await runMain(['routes']);
  assert.equal(help.code, 2);
  assert.match(help.stdout, /Subcommands:/);
  const unknown = await runMain(['routes', 'frobnicate']);
  assert.equal(unknown.code, 2);
});
