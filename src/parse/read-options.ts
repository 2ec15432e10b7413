/** What a format reader needs besides the document. */
export interface ReadOptions {
  /** The feed's own URL (or file path), the last base for relative URLs. */
  url?: string;
  /** IANA zone for dates written without an offset. */
  timezone: string;
}
