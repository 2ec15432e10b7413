import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { YAMLError } from 'yaml';
import type { z } from 'zod';
import { FeedmillError } from '../errors.ts';
import { readConfigYaml } from './read-config-yaml.ts';
import { type Config, configSchema, type FeedConfig } from './schema.ts';
import { knownKeysAt, suggestKey } from './suggest-key.ts';

/** A validated config plus the absolute paths derived from it. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** Absolute path of the Hexo site root. */
  siteRoot: string;
  /** Absolute path of the SQLite state database (the default path when the state is in PostgreSQL). */
  statePath: string;
  /** Where the state lives: the embedded SQLite file, or a PostgreSQL server. */
  state: StateLocation;
}

/** The state backend a config names; a PostgreSQL URL may hold a password: never print it unmasked. */
export type StateLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The environment variable whose RSSHub instances (URLs, comma- or space-separated) go before the config's. */
export const RSSHUB_INSTANCES_ENV = 'FEEDMILL_RSSHUB_INSTANCES';

/**
 * Reads and validates feedmill.yml; every problem is reported as `path: message`. The RSSHub
 * instances in `env`'s FEEDMILL_RSSHUB_INSTANCES (a CI job's own RSSHub) are tried first.
 */
export function loadConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LoadedConfig {
  const absolute = resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedmillError(
      'CONFIG_NOT_FOUND',
      code === 'ENOENT'
        ? `config file not found: ${absolute} (create one, or pass --config PATH)`
        : `cannot read config file ${absolute}: ${(error as Error).message}`,
      { path: absolute },
    );
  }
  return parseConfig(text, absolute, env);
}

/** Validates config text; `file` is used for messages and to resolve relative paths. */
export function parseConfig(
  text: string,
  file: string,
  env: Readonly<Record<string, string | undefined>> = {},
): LoadedConfig {
  const read = readConfigYaml(text);
  if (read.kind === 'errors') {
    const lines = read.errors.map((error) => formatYamlError(error, text, file));
    throw new FeedmillError('CONFIG_INVALID', `${file} is not valid YAML:\n${lines.join('\n')}`, {
      path: file,
    });
  }
  const envInstances = readEnvInstances(env[RSSHUB_INSTANCES_ENV], file);
  const result = configSchema.safeParse(read.value ?? {});
  if (!result.success) {
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${file} has errors:\n${formatIssues(result.error.issues).join('\n')}`,
      {
        path: file,
      },
    );
  }
  const duplicates = findDuplicateFeeds(result.data.feeds);
  if (duplicates.length > 0) {
    throw new FeedmillError('CONFIG_INVALID', `${file} has errors:\n${duplicates.join('\n')}`, {
      path: file,
    });
  }
  result.data.rsshub.instances = [...envInstances, ...result.data.rsshub.instances];
  const config = deepFreeze(result.data);
  const siteRoot = resolve(dirname(file), config.hexo);
  const state = stateLocation(config.state, file, siteRoot, env);
  const statePath = state.kind === 'sqlite' ? state.path : resolve(siteRoot, '.feedmill', 'state.db');
  return { config, file, siteRoot, statePath, state };
}

/** `state:` as a file path (relative to the config), a postgres:// URL, or `{ url_env: NAME }`. */
function stateLocation(
  given: Config['state'],
  file: string,
  siteRoot: string,
  env: Readonly<Record<string, string | undefined>>,
): StateLocation {
  if (given === undefined) return { kind: 'sqlite', path: resolve(siteRoot, '.feedmill', 'state.db') };
  if (typeof given === 'string')
    return isPostgresUrl(given)
      ? { kind: 'postgres', url: given }
      : { kind: 'sqlite', path: resolve(dirname(file), given) };
  const url = env[given.url_env];
  if (!url || !isPostgresUrl(url))
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${file} has errors:\nstate.url_env: the environment variable ${given.url_env} ${
        url ? 'does not hold a postgres:// or postgresql:// URL' : 'is not set'
      }`,
      { path: file },
    );
  return { kind: 'postgres', url };
}

function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/** The instances listed in the environment (validated as http(s) URLs), in order. */
function readEnvInstances(listed: string | undefined, file: string): string[] {
  const urls = (listed ?? '').split(/[\s,]+/).filter(Boolean);
  for (const url of urls) {
    const protocol = URL.canParse(url) ? new URL(url).protocol : '';
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new FeedmillError(
        'CONFIG_INVALID',
        `${RSSHUB_INSTANCES_ENV}: ${JSON.stringify(url)} is not an http(s) URL (used with ${file})`,
        { path: file },
      );
  }
  return urls;
}

/**
 * Formats zod issues as `feeds[0].url: message` lines; an unknown key gets its own line with the
 * closest key that `schema` knows at that place (`did you mean "categories"?`).
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType = configSchema,
): string[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') {
      return [`${formatPath(issue.path) || '(top level)'}: ${issue.message}`];
    }
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = suggestKey(key, known);
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      return `${formatPath([...issue.path, key])}: unknown key${hint}`;
    });
  });
}

/** `file:line:col: message`, then the offending line and a caret under the column. */
function formatYamlError(error: YAMLError, text: string, file: string): string {
  const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0];
  const position = error.linePos?.[0];
  if (!position) return `${file}: ${message}`;
  const source = (text.split(/\r?\n/)[position.line - 1] ?? '').replace(/\t/g, ' ');
  const gutter = String(position.line);
  return [
    `${file}:${position.line}:${position.col}: ${message}`,
    `  ${gutter} | ${source}`,
    `  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, position.col - 1))}^`,
  ].join('\n');
}

/**
 * Feeds are told apart by name (the url when unnamed), and their state is kept per url: a second
 * feed with the same name or url would share the first one's state, so it is refused naming both.
 */
function findDuplicateFeeds(feeds: readonly FeedConfig[]): string[] {
  const byName = new Map<string, number>();
  const byUrl = new Map<string, number>();
  const problems: string[] = [];
  feeds.forEach((feed, index) => {
    const identity = feed.name ?? feed.url;
    const sameName = byName.get(identity);
    const sameUrl = byUrl.get(feed.url);
    if (sameName !== undefined) {
      const key = feed.name === undefined ? 'url' : 'name';
      const other = feeds[sameName]?.name === undefined ? 'url' : 'name';
      problems.push(
        `feeds[${index}].${key}: ${JSON.stringify(identity)} is also the ${other} of feeds[${sameName}]`,
      );
    } else if (sameUrl !== undefined) {
      problems.push(
        `feeds[${index}].url: ${JSON.stringify(feed.url)} is also the url of feeds[${sameUrl}] (feeds keep their state per url)`,
      );
    }
    if (sameName === undefined) byName.set(identity, index);
    if (sameUrl === undefined) byUrl.set(feed.url, index);
  });
  return problems;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
