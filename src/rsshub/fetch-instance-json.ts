import type { Fetcher } from '../fetch/index.ts';
import { instanceLabel, instanceUrl, type RsshubInstance } from './instances.ts';

/**
 * GETs one of an RSSHub instance's JSON endpoints (`/api/namespace`, `/api/radar/rules`) and
 * returns the parsed JSON; throws with the reason (status, not JSON) when there is none to use.
 */
export async function fetchInstanceJson(
  fetcher: Fetcher,
  instance: RsshubInstance,
  path: string,
): Promise<unknown> {
  // The location names its instance, so the run's health-keeping fetcher skips a cooling
  // instance here too and counts this answer in its health.
  const result = await fetcher.fetch(
    { kind: 'http', url: instanceUrl(instance, path), instance: instanceLabel(instance) },
    {},
  );
  if (result.kind === 'retry-later') throw new Error(`HTTP ${result.status} (try again later)`);
  if (result.kind === 'gone') throw new Error('HTTP 410 (gone)');
  if (result.kind !== 'fetched') throw new Error('unexpected 304 answer');
  try {
    return JSON.parse(new TextDecoder('utf-8').decode(result.body)) as unknown;
  } catch {
    throw new Error('the answer is not JSON');
  }
}
