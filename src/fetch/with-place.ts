import type { HostLimiter } from './host-limiter.ts';

/**
 * Runs one fetch of `url` holding a place in `limiter` for the host it is talking to: the
 * first host's, then, hop by hop, each redirect target's. A page behind a redirector
 * (FeedBurner, a link shortener) thus counts against the site that serves it and gives the
 * redirector's place back as soon as it leaves: with one place per host, every other link
 * through the same redirector waited for the whole of this page's download before.
 *
 * `outer` moves a place the caller took before this one (a worker's slot across machines) on
 * each change of host. Both places are given up before either is waited for, and the outer
 * one is taken first, as at the start: a fetch that waits for a place holds no other (but the
 * outer one of the same host), so redirects between two hosts cannot deadlock the two limits.
 */
export async function withPlace<T>(
  limiter: HostLimiter,
  url: string,
  fetch: (onRedirect: (target: URL) => Promise<void>) => Promise<T>,
  outer?: (target: URL) => Promise<void>,
): Promise<T> {
  let host = new URL(url).host;
  const slot = await limiter.acquire(host);
  try {
    return await fetch(async (target) => {
      if (outer !== undefined && target.host !== host) {
        slot.release();
        await outer(target);
      }
      await slot.moveTo(target.host);
      host = target.host;
    });
  } finally {
    slot.release();
  }
}
