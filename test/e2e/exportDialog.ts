import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export type ExportFormatLabel = 'CSV' | 'Parquet' | 'JSON' | 'Arrow';

/** Exports the shown result from the dialog into the home folder (the file browser's first place). */
export async function exportResult(page: Page, format: ExportFormatLabel, fileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
  await expect(dialog.getByRole('list', { name: /^Folders in .+/ })).toBeAttached();
  await dialog.getByRole('textbox', { name: 'File name' }).fill(fileName);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
}

/** Waits for the dialog's final message (`expected`), then closes it. */
export async function finishExport(page: Page, expected: string | RegExp): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await expect(dialog.getByRole('status')).toHaveText(expected, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}
