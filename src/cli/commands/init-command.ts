import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { FeedmillError } from '../../errors.ts';
import { scaffoldSite, THEME_PRESETS } from '../../init/index.ts';
import type { Output } from '../output.ts';
import { readVersion } from '../version.ts';

export const INIT_HELP = `Usage: feedmill init [dir] [--theme NAME] [--timezone ZONE] [--force]

Scaffolds a ready Hexo 8 news site in dir (default: the current folder): package.json
(Hexo, a Markdown renderer, the theme from npm, feedmill), _config.yml, the theme's
_config.<theme>.yml, feedmill.yml with examples, scripts/feedmill.js (the "hexo feedmill"
command) and .github/workflows/feedmill.yml (fetch, build and deploy to GitHub Pages on
a schedule). Refuses a non-empty folder unless --force.

Options:
      --theme NAME      ${Object.keys(THEME_PRESETS).join(', ')} or any hexo-theme-NAME (default volantis)
      --timezone ZONE   the site's IANA time zone (default: this machine's)
      --force           write into a non-empty folder, overwriting files of the same name
  -h, --help            show this help

Examples:
  feedmill init my-news
  feedmill init my-news --theme fluid --timezone Asia/Shanghai
  cd my-news && npm install && npx feedmill run && npx hexo generate
`;

/** `feedmill init`. Returns the exit code. */
export async function initCommand(argv: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      theme: { type: 'string', default: 'volantis' },
      timezone: { type: 'string' },
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
  const result = scaffoldSite({
    dir: positionals[0] ?? '.',
    theme: values.theme,
    timezone,
    feedmillVersion: `^${readVersion()}`,
    force: values.force === true,
  });
  const shown = relative(process.cwd(), result.root) || '.';
  output.out(`Created a Hexo site in ${result.root}:\n`);
  for (const file of result.files) output.out(`  ${file}\n`);
  if (result.unknownTheme)
    output.err(
      `note: ${values.theme} is not a known preset; check hexo-theme-${values.theme}'s README for the renderers it needs and add them to package.json\n`,
    );
  output.out(
    `\nNext:\n  cd ${shown}\n  npm install         # commit package-lock.json: the workflow runs npm ci\n  (edit feedmill.yml: your feeds)\n  npx feedmill run\n  npx hexo generate   # or: npx hexo server\n`,
  );
  return 0;
}
