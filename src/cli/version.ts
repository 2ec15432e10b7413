import { readFileSync } from 'node:fs';

/** feedmill's version, from package.json (the same from src/ and dist/). */
export function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The User-Agent of every request feedmill makes: its name and version. */
export function userAgent(): string {
  return `feedmill/${readVersion()} (+https://github.com/feedmill/feedmill)`;
}
