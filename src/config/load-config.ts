import type { YAMLError } from 'yaml';
import type { z } from 'zod';
import { FeedmillError } from '../errors.ts';
import { redactUserinfo } from '../fetch/redact-userinfo.ts';
import { finishConfig, type LoadedConfig } from './finish-config.ts';
import { issueLines, type ValuePath } from './issue-lines.ts';
import { readConfigFile } from './read-config-file.ts';
import { readConfigYaml } from './read-config-yaml.ts';
import { type Config, configSchema, type FeedConfig } from './schema.ts';
import { knownKeysAt, suggestKey } from './suggest-key.ts';
import { mergeKeyHint, yamlHabitHint } from './yaml-habit-hint.ts';

/**
 * Reads and validates feedmill.yml; every problem is reported as `path: message`. The RSSHub
 * instances in `env`'s FEEDMILL_RSSHUB_INSTANCES (a CI job's own RSSHub) are tried first.
 */
export function loadConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LoadedConfig {
  const { absolute, text } = readConfigFile(file);
  return parseConfig(text, absolute, env);
}

/** Validates config text; `file` is used for messages and to resolve relative paths. */
export function parseConfig(
  text: string,
  file: string,
  env: Readonly<Record<string, string | undefined>> = {},
): LoadedConfig {
  return finishConfig(validateConfig(text, file), file, env);
}

/**
 * The config that `text` holds, validated (YAML, schema, no feed twice) but not yet joined with
 * the environment; every problem is a CONFIG_INVALID naming `file`.
 */
export function validateConfig(text: string, file: string): Config {
  const read = readConfigYaml(text);
  if (read.kind === 'errors') {
    // Running out of stack is reported at each level the reader unwinds through: once is enough.
    const overflow = read.errors.find((error) => STACK_OVERFLOW.test(error.message));
    const lines = (overflow ? [overflow] : read.errors).map((error) => formatYamlError(error, text, file));
    throw new FeedmillError('CONFIG_INVALID', `${file} is not valid YAML:\n${lines.join('\n')}`, {
      path: file,
    });
  }
  // A file of nothing but comments and blank lines (or nothing) reads as null.
  if (read.value === null || read.value === undefined)
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${file} is empty: it needs at least a feeds: list (feedmill init writes a commented example)`,
      { path: file },
    );
  const result = configSchema.safeParse(read.value);
  if (!result.success) {
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${file} has errors:\n${formatIssues(result.error.issues, configSchema, read.value, issueLines(text)).join('\n')}`,
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
  return result.data;
}

/**
 * Formats zod issues as `feeds[0].url: message` lines; an unknown key gets its own line with the
 * closest key that `schema` knows at that place (`did you mean "categories"?`). Given the value
 * as read, a problem that comes from a YAML 1.1 habit says so (yaml-habit-hint.ts).
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType = configSchema,
  value?: unknown,
  lineOf?: (path: ValuePath) => number | undefined,
): string[] {
  // `(line N)` after the message: the path says what, the line where (a config of 500 feeds).
  const at = (path: ValuePath) => {
    const line = lineOf?.(path);
    return line === undefined ? '' : ` (line ${line})`;
  };
  return issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') {
      return [
        `${formatPath(issue.path) || '(top level)'}: ${issue.message}${yamlHabitHint(issue, value)}${at(issue.path)}`,
      ];
    }
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = suggestKey(key, known);
      const merge = mergeKeyHint(key);
      const hint = merge ? `; ${merge}` : suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      return `${formatPath([...issue.path, key])}: unknown key${hint}${at([...issue.path, key])}`;
    });
  });
}

/** The message of a RangeError from recursing too deep (V8's wording). */
const STACK_OVERFLOW = /maximum call stack/i;

/** The most of the offending line shown around the column. */
const SOURCE_WINDOW = 100;

/** `file:line:col: message`, then the offending line (around the column) and a caret under it. */
function formatYamlError(error: YAMLError, text: string, file: string): string {
  let message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0] ?? '';
  // The reader recursing through thousands of nested collections ran out of stack.
  if (STACK_OVERFLOW.test(message)) message = 'nested too deeply to read (thousands of levels)';
  const position = error.linePos?.[0];
  if (!position) return `${file}: ${message}`;
  const line = (text.split(/\r?\n/)[position.line - 1] ?? '').replace(/\t/g, ' ');
  // A line of thousands of characters (generated, or hostile) is shown around the column only.
  const start = Math.max(0, Math.min(position.col - 1 - SOURCE_WINDOW / 2, line.length - SOURCE_WINDOW));
  const source = `${start > 0 ? '…' : ''}${line.slice(start, start + SOURCE_WINDOW)}${start + SOURCE_WINDOW < line.length ? '…' : ''}`;
  const caret = position.col - 1 - start + (start > 0 ? 1 : 0);
  const gutter = String(position.line);
  return [
    `${file}:${position.line}:${position.col}: ${message}`,
    `  ${gutter} | ${source}`,
    `  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, caret))}^`,
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
        `feeds[${index}].${key}: ${JSON.stringify(redactUserinfo(identity))} is also the ${other} of feeds[${sameName}]`,
      );
    } else if (sameUrl !== undefined) {
      problems.push(
        `feeds[${index}].url: ${JSON.stringify(redactUserinfo(feed.url))} is also the url of feeds[${sameUrl}] (feeds keep their state per url)`,
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
