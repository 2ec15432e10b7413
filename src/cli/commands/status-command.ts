import { parseArgs } from 'node:util';
import { loadConfig, requireSqliteState } from '../../config/index.ts';
import { type FeedStatus, readFeedStatus } from '../../store/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import { formatTable } from '../format-table.ts';
import type { Output } from '../output.ts';
import { type FeedState, feedState, feedStateText } from './feed-state.ts';
import { collectInstanceStatus, formatInstanceStatus } from './status-instances.ts';
import { maskedFeedFields } from './status-masking.ts';
import { statusOnPostgres } from './status-postgres.ts';
import { collectSiteSize, formatSiteSize } from './status-site-size.ts';

export const STATUS_HELP = `Usage: feedmill status [--config PATH] [--json]

Shows each configured feed: its state (ok, finished, FAILING or never run), last success
(with the RSSHub instance that answered), last error (code and message), posts written and
the next check (the end of a failing feed's backoff, a finished feed's daily check, or the
schedule of feedmill watch). A feed is FAILING from its first failure until a run fetches it
successfully, also while it waits out its backoff or is gone (HTTP 410). A feed is finished
while its last answer says it will not be updated again (JSON Feed "expired", a podcast's
<itunes:complete>Yes): not a failure, its posts stay, and it is checked once a day until an
answer no longer says so. RSSHub instances that are failing or cooling down (skipped
until the time shown, see rsshub.cooldown_after) follow the feeds. Last, the site's post count
and, for Hexo, the next hexo generate's estimated CPU time and memory, with a warning when it
nears a CI runner's 7 GiB. Reads the state database only. With a PostgreSQL state: the feeds,
the worker queue (due, scheduled, active, failed, active per host), what waits for
feedmill publish, and each worker's last heartbeat.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --json          print the status as JSON
  -h, --help          show this help

Examples:
  feedmill status
  feedmill status --json | jq '.feeds[] | select(.state == "failing")'
`;

/** One row of `feedmill status`: a configured feed and what the state database knows. */
export interface StatusRow extends Omit<FeedStatus, 'url'> {
  name: string;
  url: string;
  /** False when the database has no row for the feed yet. */
  seen: boolean;
  /**
   * `failing` from the first failure until a successful fetch (backoff and gone included);
   * `finished` while its last answer says it will not be updated again (JSON Feed `expired`).
   */
  state: FeedState;
}

/** `feedmill status`. Returns the exit code. */
export async function statusCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(STATUS_HELP);
    return 0;
  }
  const loaded = loadConfig(values.config);
  if (loaded.state.kind === 'postgres')
    return statusOnPostgres({ ...loaded, state: loaded.state }, values.json === true, output);
  const rows = collectStatus(values.config);
  const instances = collectInstanceStatus(requireSqliteState(loadConfig(values.config), 'status'));
  const site = collectSiteSize(values.config);
  if (values.json) {
    output.out(`${JSON.stringify({ feeds: rows, instances, site }, null, 2)}\n`);
  } else {
    output.out(
      formatTable(
        ['FEED', 'STATE', 'LAST SUCCESS', 'LAST ERROR', 'POSTS', 'NEXT CHECK'],
        rows.map((row) => [
          row.name,
          feedStateText(row.state),
          row.seen
            ? `${row.lastSuccess ?? 'never'}${row.lastSuccess && row.servedBy ? ` via ${row.servedBy}` : ''}`
            : 'never run',
          row.lastErrorCode
            ? `${row.lastErrorCode}: ${row.lastErrorMessage ?? ''}${row.consecutiveFailures > 1 ? ` (${row.consecutiveFailures}× in a row)` : ''}`
            : '-',
          String(row.posts),
          nextCheckText(row),
        ]),
      ),
    );
    output.out(formatInstanceStatus(instances));
    output.out(formatSiteSize(site));
  }
  return 0;
}

/** The status of every configured feed, in config order. */
export function collectStatus(configPath: string): StatusRow[] {
  const loaded = requireSqliteState(loadConfig(configPath), 'status');
  const stored = new Map(readFeedStatus(loaded.statePath).map((status) => [status.url, status]));
  return resolveSubscriptions(loaded).map((subscription) => {
    const status = stored.get(subscription.source);
    return {
      name: subscription.name,
      ...(status ?? { consecutiveFailures: 0, posts: 0 }),
      ...maskedFeedFields(subscription.source, status?.lastErrorMessage),
      seen: status !== undefined,
      state: feedState(status),
    };
  });
}

/** When the feed is next fetched: a gone feed never, a failing one after its backoff or on the next run. */
function nextCheckText(row: StatusRow): string {
  if (row.gone) return 'never (gone: change its url)';
  if (row.nextCheck) return row.nextCheck;
  return row.state === 'failing' ? 'next run' : '-';
}
