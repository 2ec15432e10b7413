import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { type FeedmillDependency, feedmillSpecIn } from './feedmill-dependency.ts';
import {
  assertScaffoldTarget,
  NEWS_THEME,
  NEWS_THEME_CSS,
  type ScaffoldResult,
  TEMPLATES_DIR,
} from './scaffold-site.ts';
import { workflowFor } from './workflow-for.ts';

/** The built-in theme of scaffolded Hugo sites. */
export const HUGO_THEME = NEWS_THEME;

/** What to scaffold for Hugo. */
export interface HugoScaffoldOptions {
  dir: string;
  /** IANA zone for hugo.yaml's `timeZone`. */
  timezone: string;
  /** How the site depends on feedmill (it runs from npm; Hugo itself is a separate binary). */
  feedmill: FeedmillDependency;
  /** Run RSSHub of the site's own as a service container of the workflow. */
  rsshubService?: boolean;
  force?: boolean;
}

/**
 * Writes a ready Hugo site: hugo.yaml, the feedmill-news theme under themes/, feedmill.yml
 * with `generator: hugo`, a package.json that brings feedmill, and a GitHub Pages workflow
 * that installs a pinned Hugo, runs feedmill, commits the posts and builds with `hugo --minify`.
 */
export function scaffoldHugoSite(options: HugoScaffoldOptions): ScaffoldResult {
  const root = resolve(options.dir);
  assertScaffoldTarget(root, options.force);
  const files: string[] = [];
  const write = (relative: string, content: string) => {
    const target = join(root, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    files.push(relative);
  };
  const template = (relative: string) => readFileSync(join(TEMPLATES_DIR, 'hugo-site', relative), 'utf8');

  const feedmillSpec = feedmillSpecIn(root, options.feedmill, files);
  write('package.json', `${JSON.stringify(hugoSitePackage(root, feedmillSpec), null, 2)}\n`);

  const hugoConfig = parseDocument(template('hugo.yaml'));
  hugoConfig.set('timeZone', options.timezone);
  write('hugo.yaml', hugoConfig.toString({ flowCollectionPadding: false }));
  write('feedmill.yml', template('feedmill.yml'));
  write(
    '.github/workflows/feedmill.yml',
    workflowFor(template('.github/workflows/feedmill.yml'), {
      rsshubService: options.rsshubService === true,
    }),
  );
  write('.gitignore', template('gitignore'));
  const theme = join('themes', HUGO_THEME);
  cpSync(join(TEMPLATES_DIR, 'hugo-themes', HUGO_THEME), join(root, theme), { recursive: true });
  // The stylesheet the Hexo and Hugo news themes share is kept once, in templates/news-theme.
  cpSync(join(TEMPLATES_DIR, 'news-theme', NEWS_THEME_CSS), join(root, theme, 'static', NEWS_THEME_CSS));
  files.push(`${theme}/`);
  mkdirSync(join(root, 'content', 'posts'), { recursive: true });
  return { root, files, unknownTheme: false, feedmillSpec };
}

function hugoSitePackage(root: string, feedmillSpec: string): Record<string, unknown> {
  const name = basename(root)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return {
    name: name || 'news-site',
    version: '0.0.0',
    private: true,
    scripts: { feeds: 'feedmill run', build: 'hugo --minify', server: 'hugo server' },
    dependencies: { feedmill: feedmillSpec },
    // npm 11 runs no install scripts unless allowed; better-sqlite3 must build its binding.
    allowScripts: { 'better-sqlite3': true },
  };
}
