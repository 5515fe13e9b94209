import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';

test('a French CSV with thousands separators shows the same numbers in the grid on each engine', async ({ page, workbench }) => {
  // A restart with files on the command line and a switch of engine: two engine starts.
  test.setTimeout(180_000);
  // As a French spreadsheet exports it: BOM, CRLF, semicolons, decimal commas, day-first dates, and
  // thousands grouped by a space, a no-break space, a narrow no-break space or a dot.
  await mkdir(workbench.home, { recursive: true });
  await writeFile(
    path.join(workbench.home, 'comptes 2024.csv'),
    '\uFEFFposte;montant;part;date\r\n' +
      'Loyer;1 234,56;12,5;31/12/2024\r\n' +
      'Salaires;12\u00a0345\u00a0678,9;70;15/01/2024\r\n' +
      'Travaux;-2\u202f500;7,25;01/02/2024\r\n' +
      'Café;3,20;0,5;28/02/2024\r\n',
  );
  await writeFile(path.join(workbench.home, 'ventes.csv'), 'région;ventes\r\nNord;1.234.567,8\r\nSud;98.765,4\r\n');
  await workbench.restart(['comptes 2024.csv', 'ventes.csv'].map((name) => path.join(workbench.home, name)));
  await engineReady(page);
  await expect(page.getByRole('treeitem', { name: /^comptes_2024 4 columns/ })).toBeVisible();

  const accounts = 'SELECT poste, montant, part, date, montant * 2 AS double_montant FROM comptes_2024';
  const sales = 'SELECT région, ventes FROM ventes';
  const expectedAccounts = [
    ['Loyer', '1234.56', '12.5', '2024-12-31', '2469.12'],
    ['Salaires', '12345678.9', '70.0', '2024-01-15', '24691357.8'],
    ['Travaux', '-2500.0', '7.25', '2024-02-01', '-5000.0'],
    ['Café', '3.2', '0.5', '2024-02-28', '6.4'],
  ];
  const expectedSales = [
    ['Nord', '1234567.8'],
    ['Sud', '98765.4'],
  ];
  await runQuery(page, accounts);
  expect(await gridRows(page)).toEqual(expectedAccounts);
  await expect(page.getByRole('columnheader', { name: /montant\s*DOUBLE/ }).first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /date\s*DATE/ })).toBeVisible();
  await runQuery(page, sales);
  expect(await gridRows(page)).toEqual(expectedSales);

  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native \(multi-core, larger than memory\)/ })).toBeVisible();
  await engineReady(page);
  await expect(page.getByRole('treeitem', { name: /^comptes_2024 4 columns/ })).toBeVisible();
  await runQuery(page, accounts);
  expect(await gridRows(page)).toEqual(expectedAccounts);
  await expect(page.getByRole('columnheader', { name: /montant\s*DOUBLE/ }).first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /date\s*DATE/ })).toBeVisible();
  await runQuery(page, sales);
  expect(await gridRows(page)).toEqual(expectedSales);
});
