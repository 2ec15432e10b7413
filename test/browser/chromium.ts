import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {}
  }
  return undefined;
}

/** Debian's chromium, if installed. */
export const CHROMIUM = findChromium();
// Locally a missing chromium skips the check; in CI (.ci/run installs it) it is a failure.
if (!CHROMIUM && process.env.CI)
  throw new Error('CI=true but chromium is not installed: .ci/run must apt-get install chromium');
/** The `skip` option of browser tests. */
export const SKIP_BROWSER: string | false = CHROMIUM
  ? false
  : 'chromium is not installed (apt-get install -y chromium); browser check skipped';

/** A small blue picture that stands in for every image on the internet. */
export const PLACEHOLDER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#4a90d9"/></svg>';

/**
 * Runs `work` in a fresh headless chromium profile in which every request that is not to
 * 127.0.0.1 is answered locally (images with the placeholder, anything else empty) and
 * recorded with the Referer it carried: no test reaches the internet.
 */
export async function withBrowser(
  work: (
    context: BrowserContext,
    outside: Array<{ url: string; referer: string | undefined }>,
  ) => Promise<void>,
): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'feedmill-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM!,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const outside: Array<{ url: string; referer: string | undefined }> = [];
  try {
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        const request = route.request();
        outside.push({ url: request.url(), referer: request.headers().referer });
        if (request.resourceType() === 'image')
          return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PLACEHOLDER_SVG });
        return route.fulfill({ status: 204, body: '' });
      },
    );
    await work(context, outside);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
