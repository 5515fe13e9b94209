import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';
import { expansionFactors, inAppBudgetBytes, parseDuckdbByteSize } from '../../../shared/engine/loadFootprint';

/**
 * The expansion factor of delimited text in the in-app engine, measured on the shipped samples:
 * each sample's rows are repeated to about 8 MB (past DuckDB's fixed per-column blocks, which
 * would dominate a 13 KB file), loaded as the app loads a CSV, and the engine's own account of
 * its memory (duckdb_memory()) is divided by the text's size. The factor the app uses must cover
 * every sample: this test fails when it would under-estimate one. docs/performance.md has the figures.
 */
describe('in-app load footprint', () => {
  let engine: WasmDuckdb;
  beforeAll(async () => {
    engine = await openWasmDuckdb();
  });
  afterAll(async () => engine?.close());

  async function memoryInUse(): Promise<number> {
    const table = await engine.query('SELECT sum(memory_usage_bytes)::DOUBLE AS n FROM duckdb_memory()');
    return Number(table.getChildAt(0)?.get(0) ?? 0);
  }

  for (const sample of ['airports.csv', 'penguins.csv', 'seattle_weather.csv']) {
    it(`covers ${sample}`, async () => {
      const text = readFileSync(path.join('datasets', sample), 'utf8');
      const [header, ...rows] = text.trimEnd().split('\n');
      const body = rows.join('\n') + '\n';
      const copies = Math.max(1, Math.ceil((8 * 2 ** 20) / Buffer.byteLength(body)));
      const bytes = new TextEncoder().encode(`${header}\n${body.repeat(copies)}`);
      const table = `t_${sample.replace(/\W/g, '_')}`;
      await engine.registerFile(`${table}.csv`, bytes.slice());
      const before = await memoryInUse();
      await engine.query(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${table}.csv')`);
      const ratio = (await memoryInUse() - before) / bytes.length;
      console.log(`${sample}: ${(bytes.length / 2 ** 20).toFixed(1)} MiB of text, ${ratio.toFixed(2)}× in the engine`);
      await engine.query(`DROP TABLE ${table}`);
      expect(ratio).toBeGreaterThan(0);
      expect(expansionFactors.csv).toBeGreaterThanOrEqual(ratio);
    });
  }

  it('reads the engine’s memory limit and leaves room for queries', async () => {
    const limitText = String((await engine.query("SELECT current_setting('memory_limit') AS v")).getChildAt(0)?.get(0));
    const limit = parseDuckdbByteSize(limitText);
    expect(limit).not.toBeNull();
    expect(inAppBudgetBytes(limit!)).toBeGreaterThan(0);
    expect(inAppBudgetBytes(limit!)).toBeLessThan(limit!);
  });
});
