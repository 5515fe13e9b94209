/**
 * DuckDB extensions and the two engines. The in-app engine has none beyond what is linked into it
 * (core_functions): every other extension would be downloaded, which an offline app never does.
 * The native engine (@duckdb/node-api) has these built in; test/unit/electron/nativeExtensions.test.ts
 * checks the list against the engine itself.
 */
export const nativeEngineExtensions: ReadonlySet<string> = new Set(['autocomplete', 'core_functions', 'icu', 'jemalloc', 'json', 'parquet']);

const leadingComments = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const extensionName = String.raw`(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.\-/:]+))`;
const statementPattern = new RegExp(String.raw`^(?:(?:force\s+)?install|load)\s+${extensionName}|^update\s+extensions\b`, 'i');

/** The extension an INSTALL, FORCE INSTALL or LOAD statement names ('' for UPDATE EXTENSIONS); null for any other statement. */
export function extensionOfStatement(sql: string): string | null {
  const match = statementPattern.exec(sql.replace(leadingComments, ''));
  if (!match) return null;
  const named = match[1] ?? match[2] ?? match[3] ?? '';
  // LOAD 'path/to/x.duckdb_extension': the extension's name is the file's.
  return named.replace(/^.*\//, '').replace(/\.duckdb_extension(?:\.wasm)?$/, '').toLowerCase();
}

/**
 * The extension a DuckDB error says is missing: "… but it exists in the parquet extension",
 * "… requires the icu extension", "Please try installing and loading the json extension". Null
 * when the error is about something else.
 */
export function missingExtensionOf(message: string): string | null {
  const match = /(?:exists in the|requires the|installing and loading the|is part of the) ([A-Za-z0-9_]+) extension/i.exec(message);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * DuckDB's message without its hints to install or enable extensions ("INSTALL json; LOAD json;",
 * "SET autoinstall_known_extensions=1"), which cannot work offline.
 */
export function withoutInstallHints(message: string): string {
  const cut = message.search(/\n?\s*(?:Please try installing|Alternatively, consider enabling|To install and load the extension)/i);
  return (cut >= 0 ? message.slice(0, cut) : message).trim();
}
