import { decodeHTML } from 'entities';

/** The longest route error message kept for a report. */
const MESSAGE_CHARS = 300;

/**
 * The message of RSSHub's own error page, when `text` is one: the HTML page its error handler
 * renders ("Looks like something went wrong", then the error in the code block after "Error
 * Message:") or, with `format=json`, `{"error":{"message":…}}`. RSSHub answers 503 with it when
 * a route fails (the site it reads refused or timed out, the route broke): the route's failure,
 * not the instance's. Undefined for any other answer (a proxy's 502/503 page, a rate limit).
 */
export function rsshubErrorMessage(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { error?: { message?: unknown } };
      const message = parsed?.error?.message;
      return typeof message === 'string' && message.trim() !== '' ? shorten(message) : undefined;
    } catch {
      return undefined;
    }
  }
  if (!text.includes('Looks like something went wrong')) return undefined;
  const match = /Error Message:[\s\S]*?<code\b[^>]*>([\s\S]*?)<\/code>/.exec(text);
  if (!match) return undefined;
  const message = decodeHTML(match[1]!.replace(/<[^>]*>/g, ' '));
  return message.trim() === '' ? undefined : shorten(message);
}

function shorten(message: string): string {
  const folded = message.replace(/\s+/g, ' ').trim();
  return folded.length > MESSAGE_CHARS ? `${folded.slice(0, MESSAGE_CHARS - 1)}…` : folded;
}
