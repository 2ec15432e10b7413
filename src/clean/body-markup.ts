/**
 * What the serializer writes a cleaned tree through, piece by piece in document order. The
 * serializer decides the markup (which tags, where); a writer decides how each piece is
 * escaped. Plain HTML by default (plain-html-markup.ts); an output target may supply its own,
 * so that a body is written safe for it in the clean stage's one serialization.
 */
export interface MarkupWriter {
  /** A double-quoted attribute value, from the value as the tree holds it (entity-decoded). */
  attribute(value: string): string;
  /** A start tag, built with {@link attribute}; `name` lower-case. */
  startTag(name: string, tag: string): void;
  endTag(name: string): void;
  /** Text content as the tree holds it (entity-decoded), of one element or of several in a row. */
  text(data: string): void;
  /** A kept comment's data as the tree holds it. */
  comment(data: string): void;
  /** Text of a kept `<style>` (raw text: references are not decoded there). */
  css(data: string): void;
  /** The whole body written. */
  finish(): string;
}

/** A way to write cleaned bodies: a name for what it writes, and a new writer per body. */
export interface BodyMarkup {
  /** Names the form of the body (recorded as `CleanItem.markup`): `html`, or an output target's. */
  readonly name: string;
  writer(): MarkupWriter;
}
