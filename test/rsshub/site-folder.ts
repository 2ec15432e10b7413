import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary folder holding an empty Hexo site folder `site` and `feedmill.yml` with the
 * given text (which names `hexo: site`): the set-up of the RSSHub end-to-end tests.
 */
export function siteFolder(prefix: string, feedmillYml: string): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'site'));
  const config = join(dir, 'feedmill.yml');
  writeFileSync(config, feedmillYml);
  return { dir, config };
}
