import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import { contextErrorOffset } from '../../../shared/sql/errorPosition';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/** Statements that fail in the binder or the catalog, with the text their error must point at. */
const cases: { sql: string; at: string }[] = [
  { sql: 'SELECT nmae FROM airports', at: 'nmae' },
  { sql: 'SELECT * FROM airport', at: 'airport' },
  { sql: "SELECT 'été', '東京', nmae FROM airports", at: 'nmae' },
  { sql: 'SELECT name,\n  city\r\nFROM airports', at: 'city' },
  {
    sql: `SELECT name AS a_rather_long_alias_to_push_the_error_far_right, name AS another_long_alias_here, cancel_reason, name AS and_more_text_after_it_to_cut_the_end_of_the_line FROM airports`,
    at: 'cancel_reason',
  },
  { sql: 'SELECT name FROM airports WHERE name = 1 AND nmae = 2', at: 'nmae' },
];

let wasm: WasmDuckdb;
let scratch: ScratchHostCore;
let core: HostCore;
const { send } = requestsTo(() => core);

beforeAll(async () => {
  wasm = await openWasmDuckdb();
  await wasm.query('CREATE TABLE airports (name VARCHAR)');
  scratch = await createScratchHostCore();
  core = scratch.core;
  const created = await send('POST', '/api/native/statements', { sql: 'CREATE TABLE airports (name VARCHAR)' });
  expect(created.ok, await created.clone().text()).toBe(true);
}, 60_000);
afterAll(async () => {
  await wasm.close();
  await scratch.dispose();
});

async function wasmError(sql: string): Promise<string> {
  return wasm.query(sql).then(
    () => '',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

async function nativeError(sql: string): Promise<string> {
  const response = await send('POST', '/api/native/statements', { sql });
  return response.ok ? '' : ((await response.json()) as { error: string }).error;
}

describe('the position of binder and catalog errors, read from DuckDB’s context lines', () => {
  for (const engine of ['wasm', 'native'] as const) {
    it.each(cases)(`${engine}: $sql points at $at`, async ({ sql, at }) => {
      const message = engine === 'wasm' ? await wasmError(sql) : await nativeError(sql);
      expect(message).toMatch(/\nLINE \d+: /);
      const offset = contextErrorOffset(sql, message);
      expect(offset).toBe(sql.lastIndexOf(at));
    });
  }

  it('gives no position for a message without context', () => {
    expect(contextErrorOffset('SELECT 1', 'Conversion Error: could not convert')).toBeNull();
  });
});
