// String.prototype.isWellFormed and toWellFormed (ES2024, in Node 20) are not in the ES2023 lib.
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * `text` with every lone surrogate replaced by U+FFFD, as a UTF-8 decoder does. JSON's `\uD800`
 * escapes make such strings, which UTF-8 cannot encode: SQLite gives back another string than
 * the one written (an item key read back would not match), and YAML readers built on libyaml
 * (Hugo's) refuse a front matter that escapes one, failing the whole site's build.
 */
export function wellFormed(text: string): string {
  const string = text as unknown as WellFormedString;
  return string.isWellFormed() ? text : string.toWellFormed();
}
