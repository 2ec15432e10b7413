import { ADD_HELP, addCommand } from './commands/add-command.ts';
import { EXPORT_HELP, exportCommand } from './commands/export-command.ts';
import { IMPORT_HELP, importCommand } from './commands/import-command.ts';
import { INIT_HELP, initCommand } from './commands/init-command.ts';
import { PARSE_HELP, parseCommand } from './commands/parse-command.ts';
import { PRUNE_HELP, pruneCommand } from './commands/prune-command.ts';
import { PUBLISH_HELP, publishCommand } from './commands/publish-command.ts';
import { ROUTES_HELP, routesCommand } from './commands/routes-command.ts';
import { RSSHUB_HELP, rsshubCommand } from './commands/rsshub-command.ts';
import { RUN_HELP, runCommand } from './commands/run-command.ts';
import { STATE_HELP, stateCommand } from './commands/state-command.ts';
import { STATUS_HELP, statusCommand } from './commands/status-command.ts';
import { UNLOCK_HELP, unlockCommand } from './commands/unlock-command.ts';
import { WATCH_HELP, watchCommand } from './commands/watch-command.ts';
import { WORKER_HELP, workerCommand } from './commands/worker-command.ts';
import { type Output, processOutput } from './output.ts';
import { reportError } from './report-error.ts';
import { readVersion } from './version.ts';

const HELP = `feedmill — turn RSS, Atom, JSON Feed and RSSHub routes into Hexo posts

Usage: feedmill <command> [options]

Commands:
  init     scaffold a Hexo site with feedmill, a theme and a GitHub Pages workflow
  run      fetch the feeds in feedmill.yml and write new or changed posts
  status   show each feed's last success, last error, posts and next check
  watch    keep running: check each feed on its own schedule
  add      find a web page's feeds (RSSHub Radar rules, linked feeds) and add one
  import   add the feeds of an OPML file to feedmill.yml
  export   print feedmill.yml's feeds as OPML 2.0
  parse    print one feed as JSON Feed 1.1
  routes   search, list, show, add and update RSSHub routes
  rsshub   check the RSSHub instances: reachable, version, catalogue, routes, key
  prune    delete posts beyond the retention policy (--dry-run to preview)
  unlock   show who holds the site's run lock; remove it if its holder is gone
  state    rebuild the state database from the posts, export or import it
  worker   fetch and render feeds from the PostgreSQL queue (scale-out; docs/scale-out.md)
  publish  write what workers rendered into the site's posts (one writer per site)

Options:
  -h, --help      show help (also: feedmill <command> --help)
  -v, --version   show the version

Examples:
  feedmill init my-news --theme volantis
  feedmill run --config examples/site/feedmill.yml
  feedmill run --help
  feedmill parse feed.xml --format jsonfeed
`;

const COMMANDS: Record<string, { run: (argv: string[], output: Output) => Promise<number>; help: string }> = {
  run: { run: runCommand, help: RUN_HELP },
  parse: { run: parseCommand, help: PARSE_HELP },
  routes: { run: routesCommand, help: ROUTES_HELP },
  rsshub: { run: rsshubCommand, help: RSSHUB_HELP },
  init: { run: initCommand, help: INIT_HELP },
  status: { run: statusCommand, help: STATUS_HELP },
  watch: { run: watchCommand, help: WATCH_HELP },
  add: { run: addCommand, help: ADD_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  prune: { run: pruneCommand, help: PRUNE_HELP },
  unlock: { run: unlockCommand, help: UNLOCK_HELP },
  state: { run: stateCommand, help: STATE_HELP },
  worker: { run: workerCommand, help: WORKER_HELP },
  publish: { run: publishCommand, help: PUBLISH_HELP },
};

/** Exit codes (see run-exit-code.ts): 0 ok, 1 internal error, 2 bad config or usage, 3 some feeds failing, 4 all. */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    output.out(topic ? topic.help : HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    output.out(`${readVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[first];
  if (!command) {
    output.err(`error: unknown command "${first}"; run feedmill --help for the list\n`);
    return 2;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    return reportError(error, output);
  }
}
