/** The example course as the instructor's command line builds it, for the Lab's tests. */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
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

/** Opens `cours.datalab` from the home folder with Open file…, accepting the unsigned bundle; returns the Lab's panel. */
export async function openExampleCourse(page: Page): Promise<Locator> {
  return openCourse(page, 'cours.datalab', 'SQL pas à pas');
}

/** Opens the bundle `fileName` from the home folder with Open file…, accepting it unsigned; returns the Lab's panel, named by its tab (`Lab: title`). */
export async function openCourse(page: Page, fileName: string, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(fileName.replaceAll('.', '\\.')) }).dblclick();
  const lab = page.getByRole('tabpanel', { name: title });
  await expect(lab).toBeVisible({ timeout: 30_000 });
  return lab;
}

/** The title of the course `buildPenguinCountCourse` makes. */
export const penguinCountCourse = 'Compter les manchots';

/**
 * A course of one exercise over a `penguins` table of its own, three rows, unlike the sample's 344:
 * "how many penguins?" is right only when the course's data is what `penguins` reads. Built
 * unsigned into `home`/manchots.datalab.
 */
export async function buildPenguinCountCourse(home: string): Promise<string> {
  const folder = path.join(home, 'cours-manchots');
  await mkdir(path.join(folder, 'data'), { recursive: true });
  await mkdir(path.join(folder, 'exercises'), { recursive: true });
  await writeFile(path.join(folder, 'course.yaml'), `id: manchots\ntitle: ${penguinCountCourse}\nversion: 1.0.0\nlanguage: fr\nauthors: [Équipe pédagogique]\n`);
  await writeFile(path.join(folder, 'data', 'penguins.csv'), 'species,island,body_mass_g\nAdelie,Dream,3700\nGentoo,Biscoe,5000\nChinstrap,Dream,3600\n');
  await writeFile(
    path.join(folder, 'exercises', '01-compter.md'),
    ['---', 'id: compter', 'title: Compter', '---', 'Combien y a-t-il de manchots ? Une colonne, `nombre`.', '', '```sql solution', 'SELECT count(*) AS nombre FROM penguins;', '```', ''].join('\n'),
  );
  await datalab(home, 'bundle', 'build', folder, '-o', 'manchots.datalab');
  return path.join(home, 'manchots.datalab');
}
