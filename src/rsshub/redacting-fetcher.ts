import { FeedmillError } from '../errors.ts';
import { type Fetcher, hideUrlEnv, withoutUserinfo } from '../fetch/index.ts';
import { redactOutgoing, redactSecrets } from './instances.ts';

/**
 * Wraps a fetcher so that no secret leaves it: result URLs and error messages have every access
 * key masked (keys travel in the query string, which ends up in messages and reports), and the
 * password of any URL with credentials (`https://user:token@host/feed`) masked in messages and
 * dropped, with the user name, from the result's URL. The values of the environment variables
 * feed URLs name (`urlEnv`) go back to their `${NAME}` everywhere, a redirect's target included:
 * stored so, it is filled in again from the environment each time it is polled.
 */
export function redactingFetcher(
  inner: Fetcher,
  secrets: readonly string[],
  urlEnv: ReadonlyMap<string, string> = new Map(),
): Fetcher {
  const redact = (text: string) => redactOutgoing(text, secrets, urlEnv);
  // Keys masked and env values back to their `${NAME}`; a password stays (see below).
  const maskKeys = (url: string) => redactSecrets(hideUrlEnv(url, urlEnv), secrets);
  return {
    async fetch(location, validators, request) {
      try {
        const result = await inner.fetch(location, validators, request);
        // The final URL is shown and is the base of the feed's relative links: no credentials.
        const masked = { ...result, url: withoutUserinfo(maskKeys(result.url)) };
        // The target of a permanent redirect is polled from then on: a password in it (which a
        // server would have put in its Location) must stay usable, so only keys are masked.
        if ('movedTo' in masked && masked.movedTo) masked.movedTo = maskKeys(masked.movedTo);
        // An error page's text (read by the instance-health fetcher outside this one) and what
        // was read from it (which goes into reports) are masked too.
        if (masked.kind === 'retry-later') {
          if (masked.answerText !== undefined) masked.answerText = redact(masked.answerText);
          if (masked.reason !== undefined) masked.reason = redact(masked.reason);
        }
        return masked;
      } catch (error) {
        if (!(error instanceof FeedmillError)) {
          const message = error instanceof Error ? error.message : String(error);
          throw new FeedmillError('FETCH_FAILED', redact(message));
        }
        // The cause (an undici error) may quote the URL: it is dropped rather than carried along.
        throw new FeedmillError(error.code, redact(error.message), error.context);
      }
    },
    close: () => inner.close?.(),
  };
}
