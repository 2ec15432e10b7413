import type { HostLimiter } from './host-limiter.ts';

/**
 * Runs one fetch of `url` holding a place in `limiter` for the host it is talking to: the
 * first host's, then, hop by hop, each redirect target's. A page behind a redirector
 * (FeedBurner, a link shortener) thus counts against the site that serves it and gives the
 * redirector's place back as soon as it leaves: with one place per host, every other link
 * through the same redirector waited for the whole of this page's download before.
 */
export async function withPlace<T>(
  limiter: HostLimiter,
  url: string,
  fetch: (onRedirect: (target: URL) => Promise<void>) => Promise<T>,
): Promise<T> {
  const slot = await limiter.acquire(new URL(url).host);
  try {
    return await fetch((target) => slot.moveTo(target.host));
  } finally {
    slot.release();
  }
}
