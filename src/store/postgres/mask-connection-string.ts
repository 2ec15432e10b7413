/**
 * A connection string safe to print: the password replaced by `***`. A string that is not a
 * URL (a keyword/value string) is named only by its kind, since it may hold a password anywhere.
 */
export function maskConnectionString(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return 'the PostgreSQL state';
  }
  if (url.password) url.password = '***';
  return url.toString();
}
