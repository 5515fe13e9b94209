/**
 * DuckDB's exception type, as it heads the message of an error it raises: `Binder Error: …`,
 * `INTERRUPT Error: Interrupted!`. Native DuckDB (node-api) passes only the formatted message, so
 * its type is read from that head, the one place it is written; duckdb-wasm passes it as a field.
 */
export function duckdbExceptionType(message: string): string | null {
  return /^([A-Za-z][A-Za-z ]{0,40}) Error: /.exec(message)?.[1] ?? null;
}

/** True for DuckDB's exception type of a statement stopped by an interrupt (a cancel). */
export function isInterruptType(exceptionType: string | null | undefined): boolean {
  return exceptionType?.toUpperCase() === 'INTERRUPT';
}
