/**
 * The in-app engine's settings, written once. The app's worker start, the unit tests' engine, the
 * parity test and any command-line runner open duckdb-wasm with exactly these, so a test checks
 * the mode users run (test/unit/shared/wasmSettings.test.ts fails when a file opens it otherwise).
 *
 * Plain data: the shape of duckdb-wasm's `DuckDBConfig`, without importing it, so shared/ stays
 * free of the engine's package.
 */
export const wasmOpenConfig = {
  // Values as DuckDB holds them: BIGINT as BigInt, DECIMAL with its scale, TIMESTAMP to the microsecond.
  query: { castBigIntToDouble: false, castDecimalToDouble: false, castTimestampToDate: false, castDurationToTime64: false },
  // UUID, HUGEINT, UHUGEINT, BIT and TIMETZ as Arrow extension types: exact values (TIMETZ keeps its
  // offset, BIT its bits), and type names without a DESCRIBE. It also marks BOOLEAN as `arrow.bool8`
  // without converting its data: shared/engine/wasmArrow.ts reads those columns back as booleans.
  arrowLosslessConversion: true,
} as const;

/**
 * Run on the connection before anything else. The npm build would download extensions (Parquet,
 * JSON, ICU…) from the internet on first use: offline that fails with a misleading error or hangs
 * the worker on a synchronous request. The in-app engine never goes to the network.
 */
export const wasmSetupStatements: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];

/** What opening needs of a duckdb-wasm database: the page's worker (async) or Node's blocking build. */
export interface WasmDatabaseToOpen<Connection> {
  open(config: typeof wasmOpenConfig): unknown;
  connect(): Connection | Promise<Connection>;
}

/** Opens `db` with the app's settings and returns its connection, set up: the one way any code opens duckdb-wasm. */
export async function openWithAppSettings<Connection extends { query(sql: string): unknown }>(db: WasmDatabaseToOpen<Connection>): Promise<Connection> {
  await db.open(wasmOpenConfig);
  const connection = await db.connect();
  for (const statement of wasmSetupStatements) await connection.query(statement);
  return connection;
}
