/**
 * The check agrees across engines: each example exercise's expected record is made from its
 * solution on the native engine (as `bundle build` makes it), then the same solution run on the
 * in-app engine (duckdb-wasm, data loaded as the page loads it) must pass the check, in the engine
 * by the fingerprint alone. A trainee's right answer in the page is thus right for the grader too.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourseEngine } from '../../../electron/host/bundles/courseEngine';
import { parseExerciseFile, type AuthoredExercise } from '../../../electron/host/bundles/exerciseFile';
import { checkInEngine } from '../../../shared/bundles/checkInEngine';
import { checkResult, expectedResultOf } from '../../../shared/bundles/checker';
import { checkableFromArrow } from '../../../shared/bundles/resultFromArrow';
import { courseTableNames } from '../../../shared/bundles/courseTables';
import { quoteIdentifier, quoteLiteral } from '../../../shared/sql/identifiers';
import { builtNativeProcessScript } from '../../support/builtApp';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

const course = fileURLToPath(new URL('../../../examples/course-sql-fr/', import.meta.url));
let native: CourseEngine;
let wasm: WasmDuckdb;
let workDir: string;
const exercises: AuthoredExercise[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'datalab-parity-'));
  const dataNames = (await readdir(path.join(course, 'data'))).sort();
  native = await CourseEngine.open({ nativeProcessScript: builtNativeProcessScript(), workDir, dataFiles: dataNames.map((n) => path.join(course, 'data', n)) });
  wasm = await openWasmDuckdb();
  // The names the app and the grader give the course's tables.
  const tableNames = courseTableNames(dataNames);
  for (const [i, name] of dataNames.entries()) {
    const tableName = tableNames[i]!;
    const table = quoteIdentifier(tableName);
    const bytes = new Uint8Array(await readFile(path.join(course, 'data', name)));
    if (name.endsWith('.arrow')) await wasm.insertArrowIpc(tableName, tableToIPC(tableFromIPC(bytes), 'stream'));
    else if (name.endsWith('.parquet')) {
      // The page gets Parquet as a DuckDB file the native engine converted (table `data`), and attaches it.
      const converted = path.join(workDir, `${name}.duckdb`);
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await connection.run(`ATTACH ${quoteLiteral(converted)} AS converted`);
      await connection.run(`CREATE TABLE converted.data AS SELECT * FROM read_parquet(${quoteLiteral(path.join(course, 'data', name))})`);
      await connection.run('DETACH converted');
      connection.closeSync();
      instance.closeSync();
      await wasm.registerFile(`${name}.duckdb`, new Uint8Array(await readFile(converted)));
      await wasm.queryIpc(`ATTACH ${quoteLiteral(`${name}.duckdb`)} AS converted (READ_ONLY)`);
      await wasm.queryIpc(`CREATE TABLE ${table} AS SELECT * FROM converted.data`);
      await wasm.queryIpc('DETACH converted');
    } else {
      await wasm.registerFile(name, bytes);
      await wasm.queryIpc(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${quoteLiteral(name)})`);
    }
  }
  for (const name of (await readdir(path.join(course, 'exercises'))).sort()) {
    const parsed = parseExerciseFile(await readFile(path.join(course, 'exercises', name), 'utf8'));
    if (parsed.ok) exercises.push(parsed.exercise);
  }
}, 120_000);

afterAll(async () => {
  native?.close();
  await wasm?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('the check agrees across engines', () => {
  it('every example exercise: expected from native DuckDB, checked on duckdb-wasm', { timeout: 120_000 }, async () => {
    expect(exercises.length).toBeGreaterThanOrEqual(10);
    const declined: string[] = [];
    for (const exercise of exercises) {
      const outcome = await native.run(exercise.solution, 30_000);
      if (!outcome.ok) throw new Error(`${exercise.front.id}: ${outcome.message}`);
      const expected = expectedResultOf(outcome.result, exercise.front.check, 'f0'.repeat(16));
      const inApp = checkableFromArrow(await wasm.queryIpc(exercise.solution));
      const feedback = checkResult(inApp, expected, exercise.front.check);
      expect(feedback, exercise.front.id).toMatchObject({ correct: true, wrongTypes: [], matchingRows: expected.rowCount });
      // The check the Lab view makes first, in the engine, agrees (or declines, and the above is what counts).
      const inEngine = await checkInEngine((sql) => wasm.queryIpc(sql), exercise.solution, expected, exercise.front.check, 200);
      if (inEngine) {
        expect(inEngine.feedback, exercise.front.id).toEqual(feedback);
        // Right rows are told by the fingerprint: md5_number on duckdb-wasm sums like the digests native DuckDB's rows gave.
        expect(inEngine.rowsComparedBy, exercise.front.id).toBe('fingerprint');
      } else declined.push(exercise.front.id);
    }
    // Declining is for rare values; the example course's answers are checked in the engine.
    expect(declined).toEqual([]);
  });
});
