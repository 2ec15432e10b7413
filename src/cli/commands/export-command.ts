import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { hideUrlEnv } from '../../fetch/index.ts';
import { type OpmlEntry, writeOpml } from '../../opml/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import { writeFileAtomic } from '../../write-file-atomic.ts';
import type { Output } from '../output.ts';

export const EXPORT_HELP = `Usage: feedmill export [--config PATH] [-o FILE]

Prints the feeds of feedmill.yml as an OPML 2.0 file, for feed readers and backups.
Categories become nested folders; rsshub:/routes are written as URLs on the first
configured instance. Local file feeds are left out (a reader could not fetch them).

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
  const entries: OpmlEntry[] = [];
  for (const subscription of resolveSubscriptions(loaded)) {
    const http = subscription.locations.find((location) => location.kind === 'http');
    if (!http) {
      output.err(`note: ${subscription.name} is a local file (${subscription.source}); not exported\n`);
      continue;
    }
    // Secrets from the environment stay out of the file: their `${NAME}`s are exported.
    const xmlUrl = subscription.urlEnv ? hideUrlEnv(http.url, subscription.urlEnv) : http.url;
    if (subscription.urlEnv)
      output.err(
        `note: ${subscription.name}'s url is exported with ${[...subscription.urlEnv.keys()].map((name) => `\${${name}}`).join(', ')} in place of the value\n`,
      );
    entries.push({ title: subscription.name, xmlUrl, categories: subscription.categories });
  }
  const opml = writeOpml(entries, `feedmill subscriptions (${loaded.file})`, new Date());
  if (values.output) {
    const target = resolve(values.output);
    writeFileAtomic(target, opml);
    output.err(`wrote ${entries.length} feed(s) to ${target}\n`);
  } else output.out(opml);
  return 0;
}
