import { redactUserinfo } from '../fetch/redact-userinfo.ts';

/**
 * An error message with what may be a secret masked when the config that names the secrets is
 * not at hand (it failed to load, or the error came from elsewhere): the value of every `key`
 * query parameter (RSSHub's access key) and the password of every URL (`user:***@`).
 */
export function maskMessage(text: string): string {
  return redactUserinfo(text.replace(/([?&]key=)[^&\s#"'`]+/gi, '$1***'));
}
