/**
 * A long native statement must not block short reads: the catalog, completion words and
 * profiles go past it on a second connection, named reads there can still be interrupted one by
 * one, and Cancel still stops the long statement.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';

let scratch: ScratchHostCore;
let core: HostCore;
const { call, send } = requestsTo(() => core);

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ core } = scratch);
});
afterEach(() => scratch.dispose());

type Status = { rowCount: number; complete: boolean; error: string | null };

/** A read's first cell, failing if it takes longer than `withinMs` (blocked behind the long statement). */
async function readWithin(sql: string, withinMs: number, statementId?: string): Promise<string> {
  const started = performance.now();
  const response = await Promise.race([
    send('POST', '/api/native/read', { sql, ...(statementId ? { statementId } : {}) }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`"${sql}" was still waiting after ${withinMs} ms`)), withinMs)),
  ]);
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  const value = String(tableFromIPC(new Uint8Array(await response.arrayBuffer())).getChildAt(0)?.get(0));
  expect(performance.now() - started).toBeLessThan(withinMs);
  return value;
}

it('answers short reads while a long statement streams, interrupts named reads one by one, and Cancel still stops the long one', async () => {
  await writeFile(path.join(scratch.home, 'cities.csv'), 'name\nParis\nLyon\n');
  const dataset = (await (await send('POST', '/api/datasets/open', { path: path.join(scratch.home, 'cities.csv') })).json()) as Dataset;
  expect((await send('POST', '/api/native/tables', { datasetId: dataset.id, table: 'cities' })).status).toBe(204);

  const long = await send('POST', '/api/native/statements', { sql: 'SELECT * FROM range(1000000000000) t(i)' });
  expect(long.headers.get('X-Result-Complete')).toBe('false');
  const id = Number(long.headers.get('X-Result-Id'));
  await new Promise((resolve) => setTimeout(resolve, 300));

  // The catalog, a dataset view and completion words, as the page asks for them.
  expect(await readWithin("SELECT count(*) FROM information_schema.tables WHERE table_name = 'cities'", 5_000)).toBe('1');
  expect(await readWithin('SELECT count(*) FROM cities', 5_000)).toBe('2');
  expect(Number(await readWithin('SELECT count(*) FROM duckdb_functions()', 5_000))).toBeGreaterThan(100);

  // A profile's long read is stopped by its name; the long statement goes on.
  const profile = readWithin('SELECT count(*) FROM range(100000000000) a, range(10) b', 10_000, 'profile-1');
  profile.catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await (await send('POST', '/api/native/interrupt', { statementId: 'profile-1' })).json()).toEqual({ interrupted: true });
  await expect(profile).rejects.toThrow(/Interrupt/i);
  const running = (await (await call(`/api/native/results/${id}/status`)).json()) as Status;
  expect(running.complete).toBe(false);
  expect(await readWithin('SELECT 41 + 1', 5_000)).toBe('42');

  // Cancel stops the user's statement, which says it is incomplete.
  expect(await (await send('POST', '/api/native/interrupt', {})).json()).toEqual({ interrupted: true });
  const stopped = (await (await call(`/api/native/results/${id}/status?wait=5000`)).json()) as Status;
  expect(stopped).toMatchObject({ complete: true, error: expect.stringMatching(/interrupt/i) });
  // Back on the first connection: a TEMP table made by the user is seen by later reads.
  expect((await send('POST', '/api/native/statements', { sql: 'CREATE TEMP TABLE mine AS SELECT 7 AS x' })).status).toBe(200);
  expect(await readWithin('SELECT x FROM mine', 5_000)).toBe('7');
});
