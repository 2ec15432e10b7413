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

/** A command's entry point and help text. */
interface Command {
  run: (argv: string[], output: Output) => Promise<number>;
  help: string;
}

// Each command is loaded only when asked for: a run does not pay for loading what `init`,
// `watch` or `worker` need (loading modules was a third of an all-304 run's CPU).
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => {
    const { RUN_HELP, runCommand } = await import('./commands/run-command.ts');
    return { run: runCommand, help: RUN_HELP };
  },
  parse: async () => {
    const { PARSE_HELP, parseCommand } = await import('./commands/parse-command.ts');
    return { run: parseCommand, help: PARSE_HELP };
  },
  routes: async () => {
    const { ROUTES_HELP, routesCommand } = await import('./commands/routes-command.ts');
    return { run: routesCommand, help: ROUTES_HELP };
  },
  rsshub: async () => {
    const { RSSHUB_HELP, rsshubCommand } = await import('./commands/rsshub-command.ts');
    return { run: rsshubCommand, help: RSSHUB_HELP };
  },
  init: async () => {
    const { INIT_HELP, initCommand } = await import('./commands/init-command.ts');
    return { run: initCommand, help: INIT_HELP };
  },
  status: async () => {
    const { STATUS_HELP, statusCommand } = await import('./commands/status-command.ts');
    return { run: statusCommand, help: STATUS_HELP };
  },
  watch: async () => {
    const { WATCH_HELP, watchCommand } = await import('./commands/watch-command.ts');
    return { run: watchCommand, help: WATCH_HELP };
  },
  add: async () => {
    const { ADD_HELP, addCommand } = await import('./commands/add-command.ts');
    return { run: addCommand, help: ADD_HELP };
  },
  import: async () => {
    const { IMPORT_HELP, importCommand } = await import('./commands/import-command.ts');
    return { run: importCommand, help: IMPORT_HELP };
  },
  export: async () => {
    const { EXPORT_HELP, exportCommand } = await import('./commands/export-command.ts');
    return { run: exportCommand, help: EXPORT_HELP };
  },
  prune: async () => {
    const { PRUNE_HELP, pruneCommand } = await import('./commands/prune-command.ts');
    return { run: pruneCommand, help: PRUNE_HELP };
  },
  unlock: async () => {
    const { UNLOCK_HELP, unlockCommand } = await import('./commands/unlock-command.ts');
    return { run: unlockCommand, help: UNLOCK_HELP };
  },
  state: async () => {
    const { STATE_HELP, stateCommand } = await import('./commands/state-command.ts');
    return { run: stateCommand, help: STATE_HELP };
  },
  worker: async () => {
    const { WORKER_HELP, workerCommand } = await import('./commands/worker-command.ts');
    return { run: workerCommand, help: WORKER_HELP };
  },
  publish: async () => {
    const { PUBLISH_HELP, publishCommand } = await import('./commands/publish-command.ts');
    return { run: publishCommand, help: PUBLISH_HELP };
  },
};

/** Exit codes (see run-exit-code.ts): 0 ok, 1 internal error, 2 bad config or usage, 3 some feeds failing, 4 all. */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    output.out(topic ? (await topic()).help : HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    output.out(`${readVersion()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!load) {
    output.err(`error: unknown command "${first}"; run feedmill --help for the list\n`);
    return 2;
  }
  try {
    // Inside the try: a command whose modules fail to load is reported like any other error.
    const command = await load();
    return await command.run(rest, output);
  } catch (error) {
    return reportError(error, output);
  }
}
