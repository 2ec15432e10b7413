/**
 * A language as the tag JSON Feed's `language` asks for (RFC 5646, whose subtags are joined by
 * hyphens). Feeds made from POSIX locale names write `en_US`: the locale's underscore is read as
 * the hyphen it stands for. Blank is undefined.
 */
export function languageTag(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.replaceAll('_', '-') : undefined;
}
