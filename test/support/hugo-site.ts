import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, REPO_ROOT, runCommand } from './hexo-site.ts';

/** Why Hugo tests cannot run here (no `hugo` on PATH), or undefined when they can. */
export const HUGO_MISSING: string | undefined = (() => {
  const found = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : 'hugo is not installed (apt-get install hugo): Hugo tests skipped';
})();

/** A throwaway Hugo site with the test layouts (post-title, post-body…), built by the real Hugo. */
export interface HugoSite {
  root: string;
  postsDir: string;
  /** Runs `hugo` in the site; resolves with its exit code and output. */
  build(): Promise<CommandResult>;
  remove(): void;
}

/** Creates a minimal Hugo site (hugo.yaml and the test layouts) in a temporary folder. */
export function createHugoSite(options: { timeZone?: string } = {}): HugoSite {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-hugo-'));
  writeFileSync(
    join(root, 'hugo.yaml'),
    [
      'baseURL: http://127.0.0.1:1313/',
      'title: feedmill test site',
      'disableKinds: [RSS, sitemap, robotsTXT]',
      options.timeZone ? `timeZone: ${options.timeZone}` : '',
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
    build: () => runCommand('hugo', ['--quiet'], root),
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
