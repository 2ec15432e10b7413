import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { FeedmillError } from '../../errors.ts';
import {
  assertScaffoldTarget,
  DEFAULT_THEME,
  type FeedmillDependency,
  lookUpPublished,
  PACKAGE_ROOT,
  packPackage,
  type RunNpm,
  readPackageIdentity,
  runNpm,
  scaffoldHugoSite,
  scaffoldSite,
  THEME_PRESETS,
  writeSiteLockfile,
} from '../../init/index.ts';
import type { Output } from '../output.ts';

export const INIT_HELP = `Usage: feedmill init [dir] [--generator hexo|hugo] [--theme NAME] [--timezone ZONE]
                     [--from registry|tarball] [--rsshub-service] [--no-lockfile] [--force]

Scaffolds a ready Hexo 8 news site in dir (default: the current folder): package.json
(Hexo, a Markdown renderer, the theme's renderers or package, feedmill) and its package-lock.json,
_config.yml, the theme's _config.<theme>.yml (the built-in feedmill-news theme, a news
grid with covers, category pages and dark mode, is copied into themes/), feedmill.yml with examples,
scripts/feedmill.js (the "hexo feedmill" command) and .github/workflows/feedmill.yml
(fetch on a schedule and on pushes of the config, commit the new posts, build and deploy
to GitHub Pages). Refuses a non-empty folder unless --force.

How the site gets feedmill (so that \`npm ci\` works in a fresh clone, e.g. in CI):
  registry   feedmill@^VERSION from the npm registry (when this version is published)
  tarball    this feedmill packed with npm pack into vendor/feedmill-VERSION.tgz (commit it),
             package.json depending on file:vendor/feedmill-VERSION.tgz
Without --from, init asks the registry whether this version is published.

With --generator hugo it scaffolds a Hugo site instead: hugo.yaml, the built-in
feedmill-news theme (covers, category pages, pagination, dark mode, no external requests),
feedmill.yml with generator: hugo, a package.json for feedmill, and a workflow that installs
Hugo and builds with hugo --minify (see docs/hugo.md).

Options:
      --generator NAME   hexo (default) or hugo: which static site generator the site uses
      --theme NAME       ${Object.keys(THEME_PRESETS).join(', ')} or any hexo-theme-NAME (default ${DEFAULT_THEME})
      --timezone ZONE    the site's IANA time zone (default: this machine's)
      --from SOURCE      registry or tarball (default: registry if this version is published)
      --rsshub-service   the workflow runs RSSHub of its own (official diygod/rsshub container on
                         localhost:1200), tried before the instances in feedmill.yml
      --no-lockfile      do not run npm to write package-lock.json (run npm install yourself)
      --force            write into a non-empty folder, overwriting files of the same name
  -h, --help             show this help

Examples:
  feedmill init my-news
  feedmill init my-news --theme fluid --timezone Asia/Shanghai --rsshub-service
  cd my-news && npm ci && npx feedmill run && npx hexo generate
  feedmill init my-news --generator hugo && cd my-news && npm ci && npx feedmill run && hugo
`;

/** `feedmill init`. Returns the exit code; `npm` runs npm (tests pass a fake). */
export async function initCommand(argv: string[], output: Output, npm: RunNpm = runNpm): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      generator: { type: 'string' },
      theme: { type: 'string' },
      timezone: { type: 'string' },
      from: { type: 'string' },
      'rsshub-service': { type: 'boolean' },
      'no-lockfile': { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    output.out(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new FeedmillError('USAGE', 'feedmill init takes at most one folder (see feedmill init --help)');
  const timezone = values.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new FeedmillError(
      'USAGE',
      `--timezone ${timezone} is not an IANA time zone name (e.g. Asia/Shanghai)`,
    );
  }
  if (values.generator !== undefined && values.generator !== 'hexo' && values.generator !== 'hugo')
    throw new FeedmillError('USAGE', `--generator ${values.generator}: use hexo or hugo`);
  if (values.generator === 'hugo' && values.theme !== undefined)
    throw new FeedmillError(
      'USAGE',
      '--theme chooses a Hexo theme; a Hugo site gets the built-in feedmill-news theme (see docs/hugo.md)',
    );
  if (values.from !== undefined && values.from !== 'registry' && values.from !== 'tarball')
    throw new FeedmillError('USAGE', `--from ${values.from}: use registry or tarball`);
  const dir = positionals[0] ?? '.';
  assertScaffoldTarget(dir, values.force === true);
  const identity = readPackageIdentity();
  let from = values.from;
  if (from === undefined) {
    const published = lookUpPublished(identity, npm);
    from = published === 'published' ? 'registry' : 'tarball';
    output.out(
      published === 'published'
        ? `${identity.name}@${identity.version} is on the npm registry.\n`
        : published === 'missing'
          ? `${identity.name}@${identity.version} is not on the npm registry: packing this copy into the site.\n`
          : `Could not ask the npm registry about ${identity.name}@${identity.version}: packing this copy into the site (--from registry to skip).\n`,
    );
  }
  const packFolder = from === 'tarball' ? mkdtempSync(join(tmpdir(), 'feedmill-pack-')) : undefined;
  try {
    const feedmill: FeedmillDependency = packFolder
      ? { kind: 'tarball', tarball: packPackage(PACKAGE_ROOT, packFolder, npm) }
      : { kind: 'registry', range: `^${identity.version}` };
    const site = { ...values, theme: values.theme ?? DEFAULT_THEME, hugo: values.generator === 'hugo' };
    return finishInit(dir, feedmill, site, timezone, npm, output);
  } finally {
    if (packFolder) rmSync(packFolder, { recursive: true, force: true });
  }
}

function finishInit(
  dir: string,
  feedmill: FeedmillDependency,
  values: {
    theme: string;
    hugo: boolean;
    force?: boolean;
    'rsshub-service'?: boolean;
    'no-lockfile'?: boolean;
  },
  timezone: string,
  npm: RunNpm,
  output: Output,
): number {
  const common = {
    dir,
    timezone,
    feedmill,
    rsshubService: values['rsshub-service'] === true,
    force: values.force === true,
  };
  const result = values.hugo ? scaffoldHugoSite(common) : scaffoldSite({ ...common, theme: values.theme });
  const lockfile = values['no-lockfile'] ? undefined : writeSiteLockfile(result.root, npm);
  if (lockfile?.kind === 'written') result.files.push('package-lock.json');
  const shown = relative(process.cwd(), result.root) || '.';
  output.out(`Created a ${values.hugo ? 'Hugo' : 'Hexo'} site in ${result.root}:\n`);
  for (const file of result.files) output.out(`  ${file}\n`);
  output.out(
    feedmill.kind === 'registry'
      ? `\nfeedmill comes from the npm registry: "feedmill": "${result.feedmillSpec}" in package.json.\n`
      : `\nfeedmill is vendored: package.json has "feedmill": "${result.feedmillSpec}" (this copy, packed with npm pack); commit vendor/ with the site.\n`,
  );
  if (lockfile?.kind === 'failed')
    output.err(
      `note: npm could not write package-lock.json (the workflow's npm ci needs it); run npm install in the site and commit package-lock.json:\n${lockfile.reason}\n`,
    );
  if (result.unknownTheme)
    output.err(
      `note: ${values.theme} is not a known preset; check hexo-theme-${values.theme}'s README for the renderers it needs and add them to package.json\n`,
    );
  const build = values.hugo
    ? 'hugo                # or: hugo server (Hugo itself: https://gohugo.io/installation/)'
    : 'npx hexo generate   # or: npx hexo server';
  output.out(
    `\nNext:\n  cd ${shown}\n  ${lockfile?.kind === 'written' ? 'npm ci              # installs exactly what package-lock.json lists' : 'npm install         # writes package-lock.json: commit it, the workflow runs npm ci'}\n  (edit feedmill.yml: your feeds)\n  npx feedmill run\n  ${build}\n  git init && git add . && git commit -m "News site" (then push it to GitHub: see the workflow's comments)\n`,
  );
  return 0;
}
