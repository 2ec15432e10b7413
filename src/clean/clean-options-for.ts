import type { Subscription } from '../model.ts';
import type { BodyMarkup } from './body-markup.ts';
import type { CleanOptions } from './clean-item.ts';

/**
 * The clean stage's options from a subscription's post options, the URL the feed came from and
 * the form its output target takes bodies in.
 */
export function cleanOptionsFor(
  subscription: Subscription,
  feedUrl: string | undefined,
  markup: BodyMarkup,
): CleanOptions {
  const post = subscription.post;
  return {
    markup,
    // Only a web URL is a base for relative links; a local file path is not.
    ...(feedUrl && /^https?:/i.test(feedUrl) ? { feedUrl } : {}),
    ...(post
      ? {
          iframeHosts: post.iframeHosts,
          remove: post.remove,
          keepStyle: post.keepStyle,
          keepComments: post.keepComments,
        }
      : {}),
  };
}
