import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, requireSqliteState } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { importState, type RebuildReport, rebuildState } from '../../pipeline/index.ts';
import { exportStateLines } from '../../store/index.ts';
import { writeFileAtomic } from '../../write-file-atomic.ts';
import type { Output } from '../output.ts';

export const STATE_HELP = `Usage: feedmill state rebuild [--config PATH]
       feedmill state export [--config PATH] [-o FILE]
       feedmill state import FILE [--config PATH]

Works on the state database (<site>/.feedmill/state.db, or state: in feedmill.yml).

  rebuild   rebuild the state from the posts: every post feedmill wrote names its feed and
            item in its front matter (feedmill: '<feed>/<item>'), so each is recorded again
            and no item ever gets a second post. Feeds' validators, backoff and pruned items
            are kept when the old database is readable; a damaged one is left behind. The
            old database is kept as state.db.bak. A run does the same by itself when
            state.db is missing.
  export    print the state as sorted JSON lines (feeds with validators, backoff and
            errors; items; pruned items): the same state always gives the same text, so it
            can be kept in git.
  import    replace the state database with one built from an export (the old one is
            kept as state.db.bak).

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -o, --output FILE   export: write to FILE instead of standard output
  -h, --help          show this help

Examples:
  feedmill state rebuild
  feedmill state export -o state.jsonl
  feedmill state import state.jsonl --config site/feedmill.yml
`;

/** `feedmill state rebuild|export|import`. Returns the exit code. */
export async function stateCommand(argv: string[], output: Output): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '-h' || action === '--help') {
    output.out(STATE_HELP);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'rebuild' && action !== 'export' && action !== 'import')
    throw new FeedmillError('USAGE', `unknown state action "${action}"; use rebuild, export or import`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: action === 'import',
    strict: true,
  });
  if (values.help) {
    output.out(STATE_HELP);
    return 0;
  }
  const loaded = requireSqliteState(loadConfig(values.config), 'state');
  if (action === 'rebuild') {
    output.out(describeRebuild(rebuildState(loaded)));
  } else if (action === 'export') {
    const text = `${exportStateLines(loaded.statePath).join('\n')}\n`;
    if (values.output) writeFileAtomic(resolve(values.output), text);
    else output.out(text);
  } else {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0)
      throw new FeedmillError('USAGE', 'feedmill state import takes one file (an export)');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new FeedmillError('USAGE', `cannot read ${file}: ${(error as Error).message}`, { path: file });
    }
    const report = importState(loaded, text, file);
    output.out(
      `imported ${report.feeds} feed(s), ${report.items} item(s) and ${report.pruned} pruned item(s) into ${loaded.statePath}\n` +
        (report.backup ? `the old database is kept as ${report.backup}\n` : ''),
    );
  }
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
