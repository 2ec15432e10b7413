import type { Diagnostic, DiagnosticCode } from '../errors.ts';

/**
 * Adds a diagnostic unless one with the same code and message is already there: a recovery that
 * applies to every item of a feed is reported once, naming the first item.
 */
export function noteOnce(
  diagnostics: Diagnostic[],
  code: DiagnosticCode,
  message: string,
  item: string | undefined,
): void {
  if (diagnostics.some((known) => known.code === code && known.message === message)) return;
  diagnostics.push(item ? { code, message, item } : { code, message });
}
