import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { writeOpml } from '../../opml/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import { writeFileAtomic } from '../../write-file-atomic.ts';
import type { Output } from '../output.ts';
import { exportEntries } from './export-entries.ts';

export const EXPORT_HELP = `Usage: feedmill export [--config PATH] [-o FILE]

Prints the feeds of feedmill.yml as an OPML 2.0 file, for feed readers and backups.
Categories become nested folders; rsshub:/routes are written as URLs on the first
configured instance, without its access key. Local file feeds are left out (a reader
could not fetch them).

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -o, --output FILE   write to FILE instead of stdout
  -h, --help          show this help

Examples:
  feedmill export > subscriptions.opml
  feedmill export --config site/feedmill.yml -o backup.opml
`;

/** `feedmill export`. Returns the exit code. */
export async function exportCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(EXPORT_HELP);
    return 0;
  }
  const loaded = loadConfig(values.config);
  const entries = exportEntries(resolveSubscriptions(loaded), (text) => output.err(`note: ${text}\n`));
  // The site's folder name, not the config's path: the file is shared, and a path tells of the machine.
  const opml = writeOpml(entries, `feedmill subscriptions (${basename(loaded.siteRoot)})`, new Date());
  if (values.output) {
    const target = resolve(values.output);
    writeFileAtomic(target, opml);
    output.err(`wrote ${entries.length} feed(s) to ${target}\n`);
  } else output.out(opml);
  return 0;
}
