import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { type RebuildReport, rebuildState } from '../../pipeline/index.ts';
import type { Output } from '../output.ts';

export const STATE_HELP = `Usage: feedmill state rebuild [--config PATH]

Works on the state database (<site>/.feedmill/state.db, or state: in feedmill.yml).

  rebuild   rebuild the state from the posts: every post feedmill wrote names its feed and
            item in its front matter (feedmill: '<feed>/<item>'), so each is recorded again
            and no item ever gets a second post. Feeds' validators, backoff and pruned items
            are kept when the old database is readable; a damaged one is moved aside. The
            old database is kept as state.db.bak. A run does the same by itself when
            state.db is missing.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -h, --help          show this help

Examples:
  feedmill state rebuild
  feedmill state rebuild --config site/feedmill.yml
`;

/** `feedmill state <rebuild>`. Returns the exit code. */
export async function stateCommand(argv: string[], output: Output): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '-h' || action === '--help') {
    output.out(STATE_HELP);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'rebuild')
    throw new FeedmillError('USAGE', `unknown state action "${action}"; use feedmill state rebuild`);
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(STATE_HELP);
    return 0;
  }
  output.out(describeRebuild(rebuildState(loadConfig(values.config))));
  return 0;
}

/** The rebuild's report, one fact a line. */
function describeRebuild(report: RebuildReport): string {
  const lines = [
    `rebuilt ${report.statePath} from ${report.postsRoot}: adopted ${report.adopted} post(s)` +
      (report.orphaned > 0 ? ` (${report.orphaned} of feeds no longer in the config, kept as they are)` : ''),
  ];
  if (report.duplicates > 0)
    lines.push(`${report.duplicates} file(s) repeating the identity of an adopted post were left alone`);
  if (report.temporaryFilesRemoved > 0)
    lines.push(`${report.temporaryFilesRemoved} temporary file(s) of an interrupted run removed`);
  if (report.previous === 'kept')
    lines.push(
      `kept the validators, backoff and pruned items of ${report.feedsKept} feed(s) from the old database`,
    );
  if (report.previous === 'damaged')
    lines.push(`the old database was damaged (${report.damage}): the state was rebuilt from the posts only`);
  if (report.backup) lines.push(`the old database is kept as ${report.backup}`);
  return `${lines.join('\n')}\n`;
}
