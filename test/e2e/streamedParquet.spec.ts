/**
 * Parquet into the in-app engine by Arrow streaming (issue 14): the table a user gets from a
 * double-click has the types and values native DuckDB reads from the same file.
 */
import { createInstance, prepareConnection } from '../../electron/host/native/lockedInstance';
import { defaultNativeSettings } from '../../electron/host/native/nativeSession';
import path from 'node:path';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';
import { everydayTypeColumns, writeEverydayTypesParquet } from '../support/parquetFixtures';
import { quoteLiteral } from '../../shared/sql/identifiers';

/** Per column: its type and a digest of every value's text, in file order; one short row each, so the grid shows them all. */
const digestSql = (relation: string): string =>
  everydayTypeColumns
    .map((column) => `SELECT '${column}' AS col, any_value(typeof("${column}")) AS type, md5(string_agg(coalesce("${column}"::VARCHAR, 'NULL'), '|' ORDER BY id)) AS digest FROM ${relation}`)
    .join(' UNION ALL ') + ' ORDER BY col';

test('a Parquet file with DECIMAL, LIST, STRUCT, MAP, INTERVAL, UUID, TIMESTAMPTZ and BOOLEAN loads in-app with the types and values native DuckDB reads', async ({ page, workbench }) => {
  const file = path.join(workbench.home, 'everyday.parquet');
  await writeEverydayTypesParquet(file, 3_000);
  // The reference is the app's native engine as it starts (settings, and times printed in UTC).
  const instance = await createInstance(':memory:', defaultNativeSettings(), path.join(workbench.dataDir, 'reference-spill'));
  const connection = await instance.connect();
  await prepareConnection(connection);
  const expected = (await connection.runAndReadAll(digestSql(`read_parquet(${quoteLiteral(file)})`))).getRows().map((row) => row.map(String));
  connection.closeSync();
  instance.closeSync();
  // DuckDB writes HUGEINT to Parquet as DOUBLE: what is compared is what native DuckDB reads back.
  expect(expected.find(([column]) => column === 'big')?.[1]).toBe('DOUBLE');

  await engineReady(page);
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: /everyday\.parquet/ }).dblclick();
  await expect(page.getByRole('treeitem', { name: /^everyday 10 columns/ })).toBeVisible();
  await runQuery(page, digestSql('everyday'));
  await expect.poll(() => gridRows(page)).toEqual(expected);
});
