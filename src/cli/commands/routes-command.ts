import { FeedmillError } from '../../errors.ts';
import type { Output } from '../output.ts';
import { routesAdd } from './routes-add.ts';
import { routesList } from './routes-list.ts';
import { routesSearch } from './routes-search.ts';
import { routesShow } from './routes-show.ts';
import { routesUpdate } from './routes-update.ts';

export const ROUTES_HELP = `Usage: feedmill routes <subcommand> [options]

Browse the RSSHub route catalogue and subscribe to routes. The catalogue comes from the
first rsshub.instances entry that answers /api/namespace (cached for rsshub.catalogue_ttl_hours),
else from the docs pages listed in rsshub.docs.

Subcommands:
  search <text>                 routes whose path, name, site or category contains the text
  list [--category KEY]         every route, or one category's (key or label: finance, 金融)
  show <path>                   everything known about one route
  add <path> [--param k=v]...   add the route to feedmill.yml (comments and layout kept);
                                required parameters not given are asked for on a terminal,
                                else the command fails (exit 2) listing them
  update                        reload the catalogue now

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --json          (search, list, show) print JSON
  -h, --help          show this help

Examples:
  feedmill routes search 新浪
  feedmill routes list --category finance
  feedmill routes show /sina/finance/china
  feedmill routes add /github/issue/:user/:repo --param user=DIYgod --param repo=RSSHub
  feedmill routes update
`;

const SUBCOMMANDS: Record<string, (argv: string[], output: Output) => Promise<number>> = {
  search: routesSearch,
  list: routesList,
  show: routesShow,
  add: routesAdd,
  update: routesUpdate,
};

/** `feedmill routes …`: dispatches to a subcommand. */
export async function routesCommand(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (
    name === undefined ||
    name === '-h' ||
    name === '--help' ||
    rest.includes('--help') ||
    rest.includes('-h')
  ) {
    output.out(ROUTES_HELP);
    return name === undefined ? 2 : 0;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand)
    throw new FeedmillError('USAGE', `unknown routes subcommand "${name}" (see feedmill routes --help)`);
  return subcommand(rest, output);
}
