import { expect, it } from 'vitest';
import { cellSqlForEngine } from '../../../shared/notebook/cellSql';
import { isAbsoluteOrUrl, withFileLiteralsResolved } from '../../../shared/notebook/notebookPaths';

it('turns Evidence’s ${name} into the quoted name, except in strings and comments', () => {
  expect(cellSqlForEngine("SELECT * FROM ${ventes} JOIN ${ مبيعات } USING (id) WHERE x = '${not_me}' -- ${nor_me}\n/* ${nor_this} */;\n")).toBe(
    `SELECT * FROM "ventes" JOIN "مبيعات" USING (id) WHERE x = '\${not_me}' -- \${nor_me}\n/* \${nor_this} */`,
  );
  expect(cellSqlForEngine('SELECT ${1bad}, ${unclosed')).toBe('SELECT ${1bad}, ${unclosed');
});

it('rewrites only relative file literals, at the byte positions the parser gave', () => {
  const sql = "SELECT 'é', * FROM read_csv('a.csv') JOIN '/abs/b.csv' USING (k) JOIN 's3://x/c.csv' USING (k)";
  const bytes = (text: string) => new TextEncoder().encode(sql.slice(0, sql.indexOf(text))).length;
  const literals = [
    { value: 'a.csv', byteOffset: bytes("'a.csv'") },
    { value: '/abs/b.csv', byteOffset: bytes("'/abs/b.csv'") },
    { value: 's3://x/c.csv', byteOffset: bytes("'s3://x/c.csv'") },
  ];
  expect(withFileLiteralsResolved(sql, literals, (relative) => `/notebooks/it's/${relative}`)).toBe(
    "SELECT 'é', * FROM read_csv('/notebooks/it''s/a.csv') JOIN '/abs/b.csv' USING (k) JOIN 's3://x/c.csv' USING (k)",
  );
  // A position that does not hold the literal (a parser change) leaves the SQL as it was.
  expect(withFileLiteralsResolved(sql, [{ value: 'a.csv', byteOffset: 3 }], () => '/elsewhere')).toBe(sql);
  expect(['C:\\data\\x.csv', '\\\\server\\share\\x.csv', 'https://h/x.csv'].every(isAbsoluteOrUrl)).toBe(true);
  expect(isAbsoluteOrUrl('data/x.csv')).toBe(false);
});
