import { FeedmillError } from '../errors.ts';
import { PARSE_HELP, parseCommand } from './commands/parse-command.ts';
import { PRUNE_HELP, pruneCommand } from './commands/prune-command.ts';
import { RUN_HELP, runCommand } from './commands/run-command.ts';
import { type Output, processOutput } from './output.ts';
import { readVersion } from './version.ts';

const HELP = `feedmill — turn RSS, Atom, JSON Feed and RSSHub routes into Hexo posts

Usage: feedmill <command> [options]

Commands:
  run      fetch the feeds in feedmill.yml and write new or changed posts
  parse    print one feed as JSON Feed 1.1
  prune    delete posts beyond the retention policy (--dry-run to preview)

Options:
  -h, --help      show help (also: feedmill <command> --help)
  -v, --version   show the version

Examples:
  feedmill run --config examples/site/feedmill.yml
  feedmill parse feed.xml --format jsonfeed
`;

const COMMANDS: Record<string, { run: (argv: string[], output: Output) => Promise<number>; help: string }> = {
  run: { run: runCommand, help: RUN_HELP },
  parse: { run: parseCommand, help: PARSE_HELP },
  prune: { run: pruneCommand, help: PRUNE_HELP },
};

/** Exit codes: 0 ok, 1 internal error, 2 bad config or usage, 3 some feeds failed. */
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

function reportError(error: unknown, output: Output): number {
  if (error instanceof FeedmillError) {
    const where = error.context.feed ? `${error.context.feed}: ` : '';
    output.err(`error: ${where}${error.message} [${error.code}]\n`);
    return error.code === 'CONFIG_INVALID' || error.code === 'CONFIG_NOT_FOUND' || error.code === 'USAGE'
      ? 2
      : 1;
  }
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    output.err(`error: ${error.message} (see --help)\n`);
    return 2;
  }
  output.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
