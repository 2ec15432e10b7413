import { isAscii, isUtf8 } from 'node:buffer';

/**
 * A field value as node:http gives it (each byte one latin1 character), read as UTF-8 when its
 * bytes are UTF-8. Fields are ASCII by RFC 9110 §5.5, but servers send raw UTF-8 in Location
 * (`/文章/feed`); browsers and Go's client read it as UTF-8, while node:http's latin1 turned each
 * byte into a character that the URL parser then percent-encoded a second time. Other bytes stay
 * one character each, as received.
 */
export function headerText(value: string): string {
  const bytes = Buffer.from(value, 'latin1');
  if (isAscii(bytes) || !isUtf8(bytes)) return value;
  return bytes.toString('utf8');
}
