/**
 * SQL names a file by its path (`read_csv('/home/me/airports.csv')`). Both engines read only the
 * files the user has opened: the in-app engine has each opened file registered under its real
 * path, the native engine may read exactly those paths. A path outside them fails with DuckDB's
 * own words, which do not say what to do.
 */

/** The path in DuckDB's error for a file SQL may not read (not opened); null for any other error. */
export function unopenedFileOf(message: string): string | null {
  const match =
    // In-app: the path is not registered with the engine.
    /No files found that match the pattern "([^"]+)"/.exec(message) ??
    // Native: the path is outside allowed_paths and allowed_directories.
    /Permission Error: Cannot access (?:file|directory) "([^"]+)"/.exec(message);
  return match ? match[1]! : null;
}

/** The last segment of a path, for a message: `/home/me/a.csv` → `a.csv`. */
export function fileNameOf(path: string): string {
  return path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '') || path;
}
