import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { type CommandResult, REPO_ROOT, runCommand, runFeedmill } from './hexo-site.ts';

/** Why Hugo tests cannot run here (no `hugo` on PATH), or undefined when they can. */
export const HUGO_MISSING: string | undefined = (() => {
  const found = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (found.status === 0) return undefined;
  // Locally a missing hugo skips the Hugo tests; in CI (.ci/run installs it) it is a failure.
  if (process.env.CI) throw new Error('CI=true but hugo is not installed: .ci/run must apt-get install hugo');
  return 'hugo is not installed (apt-get install hugo): Hugo tests skipped';
})();

/**
 * The newest Hugo, which `.ci/run` unpacks from Debian unstable and names in
 * FEEDMILL_HUGO_LATEST: what users install today, where Debian stable's `hugo` is 0.111.
 */
export const HUGO_LATEST: string | undefined = (() => {
  const path = process.env.FEEDMILL_HUGO_LATEST;
  if (path) {
    const found = spawnSync(path, ['version'], { encoding: 'utf8' });
    if (found.status !== 0) throw new Error(`FEEDMILL_HUGO_LATEST=${path} does not run: ${found.stderr}`);
    return path;
  }
  if (process.env.CI)
    throw new Error('CI=true but FEEDMILL_HUGO_LATEST is not set: .ci/run unpacks the newest Hugo');
  return undefined;
})();

/** Each Hugo the tests build with: Debian stable's, and the newest when there is one. */
export const HUGO_BUILDS: readonly { label: string; command: string }[] = [
  { label: 'hugo', command: 'hugo' },
  ...(HUGO_LATEST ? [{ label: 'newest hugo', command: HUGO_LATEST }] : []),
];

/** A throwaway Hugo site with the test layouts (post-title, post-body…), built by the real Hugo. */
export interface HugoSite {
  root: string;
  postsDir: string;
  /** Runs `hugo` in the site; resolves with its exit code and output. */
  build(): Promise<CommandResult>;
  remove(): void;
}

/** Creates a minimal Hugo site (hugo.yaml and the test layouts) in a temporary folder. */
export function createHugoSite(options: { timeZone?: string; hugo?: string } = {}): HugoSite {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-hugo-'));
  writeFileSync(
    join(root, 'hugo.yaml'),
    [
      'baseURL: http://127.0.0.1:1313/',
      'title: feedmill test site',
      'disableKinds: [RSS, sitemap, robotsTXT]',
      options.timeZone ? `timeZone: ${options.timeZone}` : '',
      // As feedmill init writes it: Hugo 0.162 and later refuse HTML content files otherwise.
      "security: { allowContent: ['^text/html$', '^text/markdown$'] }",
      '',
    ]
      .filter((line, index, lines) => line !== '' || index === lines.length - 1)
      .join('\n'),
  );
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'hugo-theme', 'layouts'), join(root, 'layouts'), {
    recursive: true,
  });
  const postsDir = join(root, 'content', 'posts');
  mkdirSync(postsDir, { recursive: true });
  return {
    root,
    postsDir,
    build: () => runCommand(options.hugo ?? 'hugo', ['--quiet'], root),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The built post pages (those rendered with the test single layout). */
export function hugoPostPages(site: HugoSite): string[] {
  return readdirSync(join(site.root, 'public'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'index.html')
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file, 'utf8').includes('<article class="post">'));
}

/**
 * `feedmill init news --generator hugo` (Asia/Shanghai) in `work`, its feeds pointed at a local
 * copy of the seed feed (and `extraFeeds`, lines of feedmill.yml), fed once by `feedmill run`.
 * Offline: feedmill runs from this repository, Hugo needs no packages. Returns the site's root.
 */
export async function initHugoSeedSite(work: string, extraFeeds: readonly string[] = []): Promise<string> {
  const root = join(work, 'news');
  const init = await runFeedmill(
    [
      'init',
      'news',
      '--generator',
      'hugo',
      '--timezone',
      'Asia/Shanghai',
      '--from',
      'registry',
      '--no-lockfile',
    ],
    work,
  );
  if (init.code !== 0) throw new Error(`feedmill init failed:\n${init.stderr}${init.stdout}`);
  mkdirSync(join(root, 'feeds'));
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml'), join(root, 'feeds', 'sina-finance.xml'));
  const config = parseDocument(readFileSync(join(root, 'feedmill.yml'), 'utf8'));
  config.setIn(['feeds', 0, 'url'], 'feeds/sina-finance.xml');
  const categories = config.createNode(['金融', '新浪财经', '新浪财经－国內']);
  categories.flow = true;
  config.setIn(['feeds', 0, 'categories'], categories);
  writeFileSync(join(root, 'feedmill.yml'), `${config.toString()}${extraFeeds.join('\n')}\n`);
  const run = await runFeedmill(['run'], root);
  if (run.code !== 0) throw new Error(`feedmill run failed:\n${run.stderr}${run.stdout}`);
  return root;
}
