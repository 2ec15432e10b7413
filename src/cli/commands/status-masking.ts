import { redactUserinfo } from '../../fetch/index.ts';

/**
 * A feed's URL and last error as `status` shows them, on either state backend: a password in
 * either is masked, since status output often lands in public CI logs (errors recorded before
 * feedmill masked them too).
 */
export function maskedFeedFields(
  source: string,
  lastErrorMessage: string | undefined,
): { url: string; lastErrorMessage?: string } {
  return {
    url: redactUserinfo(source),
    ...(lastErrorMessage === undefined ? {} : { lastErrorMessage: redactUserinfo(lastErrorMessage) }),
  };
}
