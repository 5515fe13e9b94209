/** The example course as the instructor's command line builds it, for the Lab's tests. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'out/main/cli.js');
const run = promisify(execFile);

/** `npm run datalab -- …` in English, run in `cwd` (the test's home). */
export async function datalab(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [cli, '--lang', 'en', ...args], { cwd, env: { PATH: '/usr/bin:/bin', HOME: cwd }, timeout: 170_000 });
  return stdout;
}

/** Builds examples/course-sql-fr into `home`/cours.datalab (unsigned). */
export async function buildExampleCourse(home: string): Promise<string> {
  await datalab(home, 'bundle', 'build', path.join(root, 'examples/course-sql-fr'), '-o', 'cours.datalab');
  return path.join(home, 'cours.datalab');
}

/** Opens `cours.datalab` from the home folder with Open file…, accepting the unsigned bundle; returns the Lab's region. */
export async function openExampleCourse(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: /cours\.datalab/ }).dblclick();
  const lab = page.getByRole('region', { name: 'SQL pas à pas' });
  await expect(lab).toBeVisible({ timeout: 30_000 });
  return lab;
}
