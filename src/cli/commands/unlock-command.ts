import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { describeHolder, inspectSiteLock, removeStaleLock } from '../../pipeline/index.ts';
import type { Output } from '../output.ts';

export const UNLOCK_HELP = `Usage: feedmill unlock [--config PATH] [--force]

Shows who holds the site's run lock (<site>/.feedmill/run.lock) and removes it when its
holder is provably gone: its pid no longer exists or now belongs to another process, it
was taken before this machine last booted, or its heartbeat stopped (60 s for another
container on this machine, 10 min for another host). A holder that looks alive is left
alone unless --force. A run takes over a stale lock by itself; unlock is for looking,
and for a holder you know is gone but that still looks alive.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --force         remove the lock even though its holder looks alive
  -h, --help          show this help

Exit codes: 0 no lock, or removed; 1 the holder looks alive (nothing removed); 2 usage.

Examples:
  feedmill unlock
  feedmill unlock --config site/feedmill.yml --force
`;

/** `feedmill unlock`: shows the site lock's holder and removes a stale (or, forced, any) lock. */
export async function unlockCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(UNLOCK_HELP);
    return 0;
  }
  const loaded = loadConfig(values.config);
  const inspection = inspectSiteLock(join(loaded.siteRoot, '.feedmill'));
  if (inspection.verdict === 'free') {
    output.out(`no run holds ${inspection.path}\n`);
    return 0;
  }
  output.out(`${inspection.path} is held by ${describeHolder(inspection)}\n`);
  if (inspection.verdict === 'alive' && !values.force) {
    throw new FeedmillError(
      'LOCKED',
      `not removed: the holder looks alive (${inspection.reason}). Wait for that run to finish; ` +
        'if you are sure it is not running (its machine or container is gone), run feedmill unlock --force',
      { path: inspection.path },
    );
  }
  if (!removeStaleLock(inspection, {}, values.force === true)) {
    throw new FeedmillError(
      'LOCKED',
      `not removed: the lock changed hands while it was being removed; run feedmill unlock again to see the new holder`,
      { path: inspection.path },
    );
  }
  output.out(
    inspection.verdict === 'stale'
      ? `removed the stale lock: ${inspection.reason}\n`
      : `removed the lock (--force) although ${inspection.reason}\n`,
  );
  return 0;
}
