/**
 * The key under which two post paths are the same file on a case-insensitive file system
 * (APFS also ignores Unicode normalization; NTFS ignores case only): Unicode case folded both
 * ways (so that ß/SS, ς/σ and ſ/s meet) and composed to NFC. Folding more than a file system
 * does only costs an extra disambiguating suffix; folding less would let two posts overwrite
 * each other.
 */
export function foldPath(relativePath: string): string {
  return relativePath.toUpperCase().toLowerCase().normalize('NFC');
}
