import { readFileSync } from 'node:fs';
import { type LoadedConfig, parseConfig } from '../../config/index.ts';
import { addFeedEntry } from '../../subscriptions/index.ts';
import type { Output } from '../output.ts';
import { rewriteConfigFile } from './rewrite-config-file.ts';

/**
 * Adds `{ url, name }` to the loaded feedmill.yml, comments and layout kept. A name another
 * feed already has gets the url added, as names must be unique; the new text is checked by
 * the config schema before it replaces the file.
 */
export function addToConfig(
  loaded: LoadedConfig,
  entry: { url: string; name: string; label?: string },
  output: Output,
): number {
  const text = readFileSync(loaded.file, 'utf8');
  const taken = new Set(loaded.config.feeds.map((feed) => feed.name ?? feed.url));
  const name = taken.has(entry.name) ? `${entry.name} (${entry.url.replace(/^rsshub:/, '')})` : entry.name;
  const result = addFeedEntry(text, { url: entry.url, name });
  if (result.kind === 'exists') {
    output.out(`already subscribed: ${entry.url} (feeds[${result.index}])\n`);
    return 0;
  }
  parseConfig(result.text, loaded.file); // never write a config feedmill itself would refuse
  rewriteConfigFile(loaded.file, result.text);
  output.out(`added ${entry.url} (${entry.label ?? name}) to ${loaded.file}\n`);
  return 0;
}
