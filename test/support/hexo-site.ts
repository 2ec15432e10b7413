import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Node arguments that load TypeScript through tsx from any working directory. */
export const TSX_ARGS = [
  '--import',
  pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href,
];

/** A throwaway Hexo site built by the real Hexo installed as a dev dependency. */
export interface HexoSite {
  root: string;
  postsDir: string;
  /** Runs `hexo generate` in the site; resolves with its exit code and output. */
  generate(): Promise<CommandResult>;
  remove(): void;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HexoSiteOptions {
  renderer?: 'marked' | 'markdown-it';
  /** Which Hexo builds the site: 8 (default) or 7 (the `hexo7` alias devDependency). */
  hexo?: 7 | 8;
  /** The site's `timezone` in _config.yml. */
  timezone?: string;
  /** Extra lines appended to _config.yml. */
  extraConfig?: string;
}

/** Creates a minimal Hexo site (test theme with index and post layouts) in a temporary folder. */
export function createHexoSite(options: HexoSiteOptions = {}): HexoSite {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-site-'));
  const renderer = options.renderer === 'markdown-it' ? 'hexo-renderer-markdown-it' : 'hexo-renderer-marked';
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'site',
      private: true,
      hexo: { version: options.hexo === 7 ? '7.3.0' : '8.0.0' },
      dependencies: { hexo: '*', 'hexo-renderer-ejs': '*', [renderer]: '*' },
    }),
  );
  // With Hexo 7, `hexo` resolves to it (hexo-cli loads the site's own hexo).
  if (options.hexo === 7)
    linkRepoModules(join(root, 'node_modules'), { skip: ['hexo7'], replace: { hexo: 'hexo7' } });
  else symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const config = [
    'title: feedmill test site',
    'url: http://127.0.0.1:4000',
    'root: /',
    'permalink: :year/:month/:day/:title/',
    'theme: feedmill-test',
    'per_page: 0',
    'source_dir: source',
    'public_dir: public',
    options.timezone ? `timezone: ${options.timezone}` : '',
    options.extraConfig ?? '',
  ];
  writeFileSync(join(root, '_config.yml'), `${config.filter(Boolean).join('\n')}\n`);
  mkdirSync(join(root, 'themes'), { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'hexo-theme'), join(root, 'themes', 'feedmill-test'), {
    recursive: true,
  });
  const postsDir = join(root, 'source', '_posts');
  mkdirSync(postsDir, { recursive: true });
  return {
    root,
    postsDir,
    generate: () =>
      runCommand(join(REPO_ROOT, 'node_modules', '.bin', 'hexo'), ['generate', '--silent'], root),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Fills `folder` (a site's node_modules) with links to the repo's packages, but not `skip`;
 * `replace` links a name to another package (`hexo` → `hexo7`).
 */
export function linkRepoModules(
  folder: string,
  options: { skip?: readonly string[]; replace?: Readonly<Record<string, string>> } = {},
): void {
  const modules = join(REPO_ROOT, 'node_modules');
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.') || options.skip?.includes(name)) continue;
    symlinkSync(join(modules, options.replace?.[name] ?? name), join(folder, name), 'dir');
  }
}

/**
 * Runs a command to completion, collecting its output. Without `input` it gets no standard input
 * at all (as on a CI runner), so a program that exits at once cannot break a pipe we write to.
 */
export function runCommand(
  command: string,
  args: string[],
  cwd: string,
  input?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs feedmill's CLI from source (no build needed). */
export function runFeedmill(args: string[], cwd: string): Promise<CommandResult> {
  return runCommand(process.execPath, [...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), ...args], cwd);
}

/** The generated post pages (index.html files rendered with the test theme's post layout). */
export function postPages(site: HexoSite): string[] {
  return readdirSync(join(site.root, 'public'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'index.html')
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file, 'utf8').includes('<article class="post">'));
}
