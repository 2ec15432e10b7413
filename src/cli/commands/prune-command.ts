import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { pruneSite } from '../../pipeline/index.ts';
import type { Output } from '../output.ts';

export const PRUNE_HELP = `Usage: feedmill prune [--config PATH] [--dry-run]

Deletes the posts that the retention policy (keep: { max_items_per_feed, max_age_days },
top level or per feed) lets go, with their state rows. Pruned items are never written again.
On a PostgreSQL state it is the site's writer, as \`feedmill publish\`: never both at once.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -n, --dry-run       list what would be deleted, delete nothing
  -h, --help          show this help

Examples:
  feedmill prune --dry-run
  feedmill prune --config site/feedmill.yml
`;

/** `feedmill prune [--dry-run]`: applies retention now. Returns the exit code. */
export async function pruneCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      'dry-run': { type: 'boolean', short: 'n' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(PRUNE_HELP);
    return 0;
  }
  const dryRun = values['dry-run'] === true;
  const loaded = loadConfig(values.config);
  // pg is loaded only for a PostgreSQL state; there prune is the site's writer, as publish.
  const candidates =
    loaded.state.kind === 'postgres'
      ? await (await import('../../queue/index.ts')).prunePostgresSite(loaded, { dryRun })
      : await pruneSite(loaded, { dryRun });
  for (const candidate of candidates) {
    output.out(
      `${dryRun ? 'would delete' : 'deleted'}  ${candidate.postPath}  (${candidate.reason}, ${candidate.feed})\n`,
    );
  }
  output.out(`${candidates.length} post(s) ${dryRun ? 'would be deleted' : 'deleted'}\n`);
  return 0;
}
