import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { adoptionDetails } from '../../pipeline/index.ts';
import { publishSite } from '../../queue/index.ts';
import type { Output } from '../output.ts';

export const PUBLISH_HELP = `Usage: feedmill publish [--config PATH] [--generate]

Writes what \`feedmill worker\` rendered into the site's posts folder (state: postgres://… in
feedmill.yml), with the same crash-safe protocol as \`feedmill run\`: journal, atomic file
writes, then the state; then deletes the posts retention (keep:) lets go, as \`feedmill run\`.
One writer per site: a second publish or a prune (on any machine) is refused.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -g, --generate      run \`hexo generate\` afterwards when posts changed
  -h, --help          show this help

Examples:
  feedmill publish --generate
`;

/** `feedmill publish`: applies the workers' output once. Returns the exit code (3: a feed failed). */
export async function publishCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      generate: { type: 'boolean', short: 'g' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(PUBLISH_HELP);
    return 0;
  }
  const loaded = loadConfig(values.config);
  const report = await publishSite(loaded);
  let changed = 0;
  for (const feed of report.feeds) {
    changed += feed.created + feed.updated;
    output.out(
      feed.error
        ? `${feed.url}: not published: ${feed.error}\n`
        : `${feed.url}: ${feed.created} new, ${feed.updated} updated, ${feed.unchanged} unchanged\n`,
    );
  }
  if (report.adopted) {
    const details = adoptionDetails(report.adopted);
    output.err(
      `warning: the PostgreSQL state recorded no post: adopted ${report.adopted.adopted} post(s) of the site ` +
        `${loaded.siteRoot}${details.length > 0 ? ` (${details.join('; ')})` : ''}\n`,
    );
  }
  for (const warning of report.warnings) output.err(`warning: ${warning}\n`);
  const { adopted, dropped, deleted } = report.repaired;
  if (adopted + dropped + deleted > 0)
    output.out(
      `repaired an interrupted publish: ${adopted} post(s) kept, ${dropped} to write again` +
        (deleted > 0 ? `, ${deleted} deletion(s) finished\n` : '\n'),
    );
  output.out(
    `published ${report.feeds.length} feed(s), ${changed} post(s) written` +
      (report.pruned > 0 ? `, ${report.pruned} deleted by retention (keep:)` : '') +
      (report.imagesWritten > 0 ? `, ${report.imagesWritten} image copy(ies) added` : '') +
      (report.imagesRemoved > 0 ? `, ${report.imagesRemoved} unused image copy(ies) deleted` : '') +
      '\n',
  );
  // Image copies count too: one put back after it was deleted by hand changes no post.
  const siteChanged = changed + report.pruned + deleted + report.imagesWritten + report.imagesRemoved;
  if (values.generate && siteChanged > 0) {
    const hexo = join(loaded.siteRoot, 'node_modules', '.bin', 'hexo');
    if (!existsSync(hexo))
      throw new FeedmillError(
        'USAGE',
        `--generate needs Hexo in the site: ${hexo} is missing (run npm install)`,
      );
    const built = spawnSync(hexo, ['generate', '--concurrency', '16', '--silent'], {
      cwd: loaded.siteRoot,
      stdio: 'inherit',
    });
    if (built.status !== 0) {
      output.err(`error: hexo generate failed (exit ${built.status ?? built.signal})\n`);
      return 1;
    }
  }
  return report.feeds.some((feed) => feed.error) ? 3 : 0;
}
