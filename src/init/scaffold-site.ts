import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument } from 'yaml';
import { configSchema } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { type FeedmillDependency, feedmillSpecIn } from './feedmill-dependency.ts';
import { themePreset } from './theme-presets.ts';
import { workflowFor } from './workflow-for.ts';

/** The package's templates folder (the same from src/ and dist/). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
/** feedmill's built-in news theme, for Hexo and Hugo alike, and the stylesheet both use. */
export const NEWS_THEME = 'feedmill-news';
export const NEWS_THEME_CSS = 'feedmill-news.css';

/**
 * The site's build command. Hexo renders every page at once by default and holds them all in
 * memory (2.7 GiB for 1,000 posts); 16 at a time needs a third of that and no more CPU.
 */
export const HEXO_GENERATE = 'hexo generate --concurrency 16';

/** What to scaffold. */
export interface ScaffoldOptions {
  dir: string;
  theme: string;
  /** IANA zone for _config.yml's `timezone`. */
  timezone: string;
  /** How the site depends on feedmill: a registry range, or a packed tarball vendored into the site. */
  feedmill: FeedmillDependency;
  /** Run RSSHub of the site's own as a service container of the workflow, before the public instances. */
  rsshubService?: boolean;
  /** Scaffold into a non-empty folder, overwriting the files it writes. */
  force?: boolean;
}

/** What was written, for the command's report. */
export interface ScaffoldResult {
  root: string;
  files: string[];
  /** True when the theme is not one of the presets (no renderers added). */
  unknownTheme: boolean;
  /** The `feedmill` entry of the site's package.json (`^0.1.0`, `file:vendor/feedmill-0.1.0.tgz`). */
  feedmillSpec: string;
}

/** Refuses a target folder that has files (a fresh `git init`, only .git, counts as empty) unless `force`. */
export function assertScaffoldTarget(dir: string, force = false): void {
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).some((name) => name !== '.git') && !force)
    throw new FeedmillError(
      'USAGE',
      `${root} is not empty; choose a new folder, or pass --force to write the site files into it (existing files with the same names are overwritten)`,
      { path: root },
    );
}

/** Writes a ready Hexo 8 site with feedmill, the theme (from npm, or built in) and a GitHub Pages workflow. */
export function scaffoldSite(options: ScaffoldOptions): ScaffoldResult {
  const root = resolve(options.dir);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(options.theme))
    throw new FeedmillError(
      'USAGE',
      `--theme ${options.theme} is not a theme name; use e.g. volantis, icarus, butterfly, fluid, landscape`,
    );
  assertScaffoldTarget(root, options.force);
  const { preset, known } = themePreset(options.theme);
  const files: string[] = [];
  const write = (relative: string, content: string) => {
    const target = join(root, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    files.push(relative);
  };
  const template = (relative: string) => readFileSync(join(TEMPLATES_DIR, relative), 'utf8');

  const feedmillSpec = feedmillSpecIn(root, options.feedmill, files);
  write('package.json', `${JSON.stringify(sitePackage(root, feedmillSpec, preset), null, 2)}\n`);

  const siteConfig = parseDocument(template('site/_config.yml'));
  siteConfig.set('timezone', options.timezone);
  siteConfig.set('theme', options.theme);
  for (const [key, value] of Object.entries(preset.siteConfig ?? {}))
    siteConfig.set(key, siteConfig.createNode(value));
  write('_config.yml', siteConfig.toString({ flowCollectionPadding: false }));
  write(`_config.${options.theme}.yml`, template(`themes/${preset.configTemplate}`));
  if (!preset.package) {
    // A theme built into feedmill lives in the site, where Hexo looks first (themes/<name>).
    const theme = `themes/${options.theme}`;
    cpSync(join(TEMPLATES_DIR, 'hexo-themes', options.theme), join(root, theme), { recursive: true });
    if (options.theme === NEWS_THEME)
      // The stylesheet the Hexo and Hugo news themes share is kept once, in templates/news-theme.
      cpSync(join(TEMPLATES_DIR, 'news-theme', NEWS_THEME_CSS), join(root, theme, 'source', NEWS_THEME_CSS));
    files.push(`${theme}/`);
  }

  const feedmillConfig = parseDocument(template('site/feedmill.yml'));
  if (options.rsshubService) {
    const contents = feedmillConfig.contents;
    const pair = isMap(contents)
      ? contents.items.find((item) => isScalar(item.key) && item.key.value === 'rsshub')
      : undefined;
    if (pair && isScalar(pair.key))
      pair.key.commentBefore = `${pair.key.commentBefore ?? ''}\n In the GitHub workflow, the site's own RSSHub (a service container on localhost:1200, named\n by FEEDMILL_RSSHUB_INSTANCES) is tried before these; they stay as the fallback.`;
  }
  // The theme's image-key preset: which front matter keys carry the post image.
  // Written live once the config schema knows the key (clean/render stage), else as a comment.
  if ('image_keys' in configSchema.shape) {
    feedmillConfig.set('image_keys', options.theme);
    const contents = feedmillConfig.contents;
    const pair = isMap(contents)
      ? contents.items.find((item) => isScalar(item.key) && item.key.value === 'image_keys')
      : undefined;
    if (pair && isScalar(pair.key))
      pair.key.commentBefore = ` Front matter keys for the post image, as the ${options.theme} theme reads them.`;
    write('feedmill.yml', feedmillConfig.toString({ flowCollectionPadding: false }));
  } else {
    write(
      'feedmill.yml',
      `${feedmillConfig.toString({ flowCollectionPadding: false })}\n# Front matter keys for the post image, as the ${options.theme} theme reads them:\n# image_keys: ${options.theme}\n`,
    );
  }
  write(
    '.github/workflows/feedmill.yml',
    workflowFor(template('site/.github/workflows/feedmill.yml'), {
      rsshubService: options.rsshubService === true,
    }),
  );
  write('scripts/feedmill.js', template('site/scripts/feedmill.js'));
  // npm drops .gitignore from published packages, so the template is stored without the dot.
  write('.gitignore', template('site/gitignore'));
  mkdirSync(join(root, 'source', '_posts'), { recursive: true });
  return { root, files, unknownTheme: !known, feedmillSpec };
}

function sitePackage(
  root: string,
  feedmillSpec: string,
  preset: ReturnType<typeof themePreset>['preset'],
): Record<string, unknown> {
  const name = basename(root)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return {
    name: name || 'news-site',
    version: '0.0.0',
    private: true,
    scripts: {
      feeds: 'feedmill run',
      build: HEXO_GENERATE,
      server: 'hexo server',
      clean: 'hexo clean',
    },
    // hexo-cli recognises a Hexo site by this key.
    hexo: { version: '8.1.2' },
    dependencies: sortKeys({
      // Hexo 8: Hexo 7 slows down quadratically with the number of posts.
      hexo: '^8.1.2',
      'hexo-renderer-marked': '^7.0.1',
      'hexo-generator-index': '^4.0.0',
      'hexo-generator-archive': '^2.0.0',
      'hexo-generator-category': '^2.0.0',
      'hexo-generator-feed': '^3.0.0',
      'hexo-generator-tag': '^2.0.0',
      'hexo-server': '^3.0.0',
      feedmill: feedmillSpec,
      ...(preset.package ? { [preset.package.name]: preset.package.version } : {}),
      ...preset.dependencies,
    }),
    // npm 11 runs no install scripts unless allowed; better-sqlite3 must build its binding.
    // hexo-util's postinstall rebuilds highlight_alias.json, which its package already ships:
    // denied explicitly, so that npm ci does not warn about it on every run.
    allowScripts: { 'better-sqlite3': true, 'hexo-util': false },
  };
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
