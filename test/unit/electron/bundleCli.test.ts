/**
 * The instructor's commands as they run them (`npm run datalab -- …` runs out/main/cli.js, built by
 * `npm run build`): keys, building the example course on the native engine, verify, inspect, import
 * and grading real submission files, bad ones included.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExerciseFile } from '../../../electron/host/bundles/exerciseFile';
import { fingerprintOf } from '../../../electron/host/bundles/signing';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { BundledExercise, InstructorKeyFile } from '../../../shared/contract/bundle';
import { exampleSubmission } from '../../support/exampleSubmission';
import { builtNativeProcessScript } from '../../support/builtApp';
import { zipBytes } from '../../support/bundleFixtures';
import { makeTempDir } from '../../support/tempDir';

const run = promisify(execFile);
const exampleCourse = fileURLToPath(new URL('../../../examples/course-sql-fr/', import.meta.url));
let cli: string;
let temp: { dir: string; cleanup(): Promise<void> };
let dataDir: string;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function datalab(...args: string[]): Promise<CliResult> {
  return datalabIn({}, ...args);
}

/** The command run with more environment (LANG, for the language it speaks). */
async function datalabIn(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: temp.dir, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', INIT_CWD: temp.dir, DATALAB_DATA_DIR: dataDir, ...env }, maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The example course's reference solutions, by exercise id, read from its files. */
async function exampleSolutions(): Promise<Map<string, string>> {
  const solutions = new Map<string, string>();
  for (const name of await readdir(path.join(exampleCourse, 'exercises'))) {
    const parsed = parseExerciseFile(await readFile(path.join(exampleCourse, 'exercises', name), 'utf8'));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.problem}`);
    solutions.set(parsed.exercise.front.id, parsed.exercise.solution);
  }
  return solutions;
}


beforeAll(async () => {
  cli = path.join(path.dirname(builtNativeProcessScript()), 'cli.js');
  temp = await makeTempDir('datalab-cli-');
  dataDir = path.join(temp.dir, 'appdata');
});
afterAll(() => temp.cleanup());

describe('instructor commands', { timeout: 180_000 }, () => {
  it('keys new writes the pair and prints the fingerprint; it never overwrites a key', async () => {
    const made = await datalab('keys', 'new', '--out', 'instructor.key', '--name', 'Prof. Martin');
    expect(made.code, made.stderr).toBe(0);
    const key = InstructorKeyFile.parse(JSON.parse(await readFile(path.join(temp.dir, 'instructor.key'), 'utf8')));
    expect(made.stdout).toContain(`Fingerprint: ${fingerprintOf(key.publicKey)}`);
    expect(JSON.parse(await readFile(path.join(temp.dir, 'instructor.pub'), 'utf8'))).toMatchObject({ publicKey: key.publicKey, name: 'Prof. Martin' });
    expect((await datalab('keys', 'new', '--out', 'instructor.key')).code).not.toBe(0);
    expect(JSON.parse(await readFile(path.join(temp.dir, 'instructor.key'), 'utf8')).privateKey).toBe(key.privateKey);
  });

  it('a key file that is not a key gets a clear message', async () => {
    await writeFile(path.join(temp.dir, 'notes.key'), 'these are my notes');
    const notAKey = await datalab('bundle', 'build', exampleCourse, '-o', 'never.datalab', '--sign', 'notes.key');
    expect(notAKey.code).toBe(1);
    expect(notAKey.stderr).toContain('“notes.key” is not a Data Lab key file.');
    const publicOnly = await datalab('bundle', 'build', exampleCourse, '-o', 'never.datalab', '--sign', 'instructor.pub');
    expect(publicOnly.stderr).toContain('is a public key; signing needs the instructor’s key file');
    const trustNotAKey = await datalab('keys', 'trust', 'notes.key');
    expect(trustNotAKey.stderr).toContain('“notes.key” is not a Data Lab key file.');
    expect(await readdir(temp.dir)).not.toContain('never.datalab');
  });

  it('builds the example course, signed, with no solution and no expected row in readable form', { timeout: 180_000 }, async () => {
    const built = await datalab('bundle', 'build', exampleCourse, '-o', 'course.datalab', '--sign', 'instructor.key');
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/Wrote .*course\.datalab: 13 exercises, 19 files\./);
    // The example's checks are all stable: no warning.
    expect(built.stderr).toBe('');

    const imported = await datalab('bundle', 'import', 'course.datalab', '--library', 'library', '--allow-unverified');
    expect(imported.code, imported.stderr).toBe(0);
    const folder = path.join(temp.dir, 'library', 'sql-fr-debutants@1.0.0');
    const solutions = await exampleSolutions();
    for (const [id, solution] of solutions) {
      const text = await readFile(path.join(folder, 'exercises', `${id}.json`), 'utf8');
      const exercise = BundledExercise.parse(JSON.parse(text));
      expect(text).not.toContain(JSON.stringify(solution.trim()).slice(1, -1));
      expect(text).not.toContain('"solution"');
      expect(exercise.expected.rowDigests).toHaveLength(exercise.expected.rowCount);
    }
    // Rows of the expected results do not appear: the heaviest penguin groups, the northernmost airports.
    const all = await Promise.all([...solutions.keys()].map((id) => readFile(path.join(folder, 'exercises', `${id}.json`), 'utf8')));
    for (const answer of ['Barrow', '71.2853', 'Wiley Post', 'China']) expect(all.join('\n')).not.toContain(answer);
  });

  it('verify and inspect name the signer; trusting the key makes the bundle verified', async () => {
    const key = InstructorKeyFile.parse(JSON.parse(await readFile(path.join(temp.dir, 'instructor.key'), 'utf8')));
    const fingerprint = fingerprintOf(key.publicKey);
    const before = await datalab('bundle', 'verify', 'course.datalab');
    expect(before).toMatchObject({ code: 0 });
    expect(before.stdout).toContain(`intact, signed by a key you do not trust (${fingerprint})`);
    const refused = await datalab('bundle', 'import', 'course.datalab', '--library', 'trainee-library');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('signed by a key you do not trust');
    expect(await readdir(path.join(temp.dir, 'trainee-library'))).toEqual([]);

    expect((await datalab('keys', 'trust', 'instructor.pub')).stdout).toContain(fingerprint);
    expect((await datalab('keys', 'list')).stdout).toContain(`${fingerprint}  Prof. Martin`);
    expect((await datalab('bundle', 'verify', 'course.datalab')).stdout).toContain(`verified, signed by a trusted key (${fingerprint})`);
    const inspected = await datalab('bundle', 'inspect', 'course.datalab');
    expect(inspected.stdout).toContain('"id": "sql-fr-debutants"');
    expect(inspected.stdout).toContain('- fenetre-rang: Le premier de chaque groupe (3)');
    expect(inspected.stdout).toContain(fingerprint);
    expect((await datalab('bundle', 'import', 'course.datalab', '--library', 'trainee-library')).code).toBe(0);
  });

  it('verify refuses a bundle with one changed byte, with the reason', async () => {
    const bytes = await readFile(path.join(temp.dir, 'course.datalab'));
    // A byte inside the stored Parquet file (stored, so its bytes are in the archive as they are).
    const at = bytes.indexOf(Buffer.from('PAR1')) + 40;
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(path.join(temp.dir, 'tampered.datalab'), bytes);
    const verified = await datalab('bundle', 'verify', 'tampered.datalab');
    expect(verified.code).toBe(1);
    expect(verified.stderr).toMatch(/“tampered\.datalab” is damaged: “data\/etats\.parquet” does not match its checksum|was altered: “data\/etats\.parquet”/);
  });

  it('grades submissions by running their SQL again: wrong answers, bad files and a never-ending query each on their own row or cell', { timeout: 180_000 }, async () => {
    const solutions = Object.fromEntries(await exampleSolutions());
    const folder = path.join(temp.dir, 'submissions');
    await mkdir(path.join(folder, 'group-b'), { recursive: true });
    await writeFile(path.join(folder, 'amina-sql-fr-debutants.datalab-submission'), exampleSubmission('Amina', solutions));
    await writeFile(
      path.join(folder, 'group-b', 'bruno-sql-fr-debutants.datalab-submission'),
      exampleSubmission('Bruno', {
        selection: 'SELECT species, island FROM penguins',
        compter: "SELECT species, count(*) AS nombre FROM penguins WHERE island = 'Biscoe' GROUP BY species",
        distinct: "SELECT DISTINCT upper(weather) AS w FROM seattle_weather ORDER BY 1",
        dates: 'SELECT count(*) FROM range(100000000000) a, range(100000000000) b',
        // Submitted SQL may read the course's data, never write files or read others.
        jointure: `COPY (SELECT * FROM penguins) TO ${quoteLiteral(path.join(temp.dir, 'leak.csv'))}`,
        having: `SELECT * FROM read_csv(${quoteLiteral(path.join(temp.dir, 'grades-secret.csv'))})`,
      }),
    );
    await writeFile(path.join(temp.dir, 'grades-secret.csv'), 'trainee,grade\nAmina,20\n');
    await writeFile(path.join(folder, 'other-amina.datalab-submission'), exampleSubmission('amina', {}));
    await writeFile(path.join(folder, 'chloe-old.datalab-submission'), exampleSubmission('Chloé', solutions, { bundleVersion: '0.9.0' }));
    await writeFile(path.join(folder, 'dan-future.datalab-submission'), exampleSubmission('Dan', {}, { formatVersion: 7 }));
    await writeFile(path.join(folder, 'eve-broken.datalab-submission'), '{"format": "datalab-submission", "trainee": ');
    await writeFile(
      path.join(temp.dir, 'more.zip'),
      await zipBytes([{ name: 'class-2/farid-sql-fr-debutants.datalab-submission', bytes: Buffer.from(exampleSubmission('Farid', { filtre: solutions['filtre']! })) }]),
    );

    const graded = await datalab('grade', 'course.datalab', 'submissions', 'more.zip', '--csv', 'grades.csv', '--timeout', '3');
    expect(graded.code, graded.stderr).toBe(0);
    const csvText = await readFile(path.join(temp.dir, 'grades.csv'), 'utf8');
    // A byte order mark first, for spreadsheets; English headers with English values, `,` between fields.
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    const csv = csvText.slice(1).trim().split('\r\n');
    const header = csv[0]!.split(',');
    expect(header).toEqual(['Trainee', 'File', 'selection', 'filtre', 'tri-limite', 'distinct', 'compter', 'moyenne', 'having', 'jointure', 'jointure-externe', 'fenetre-rang', 'fenetre-cumul', 'dates', 'decalage', 'Total', 'Problem']);
    const rowOf = (trainee: string, file: string): Record<string, string> => {
      const line = csv.find((l) => l.includes(file));
      expect(line, `${trainee} has a row`).toBeDefined();
      const cells = line!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"'));
      return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
    };
    const amina = rowOf('Amina', 'amina-sql-fr-debutants');
    expect(amina).toMatchObject({ Trainee: 'Amina', Total: '25', selection: '1', 'fenetre-rang': '3', decalage: '3', Problem: '' });
    const bruno = rowOf('Bruno', 'bruno-sql-fr-debutants');
    // Wrong answers score nothing though the file says "solved"; the loosely-cased DISTINCT passes (textLoose); the endless query times out alone.
    expect(bruno).toMatchObject({ selection: '0', compter: '0', distinct: '1', dates: 'Timed out', jointure: 'Error', having: 'Error', filtre: 'Not submitted', Total: '1' });
    expect(await readdir(temp.dir)).not.toContain('leak.csv');
    expect(rowOf('amina', 'other-amina').Problem).toContain('amina already has a submission (amina-sql-fr-debutants.datalab-submission)');
    expect(rowOf('Chloé', 'chloe-old').Problem).toContain('is for sql-fr-debutants version 0.9.0, not this bundle');
    expect(rowOf('Dan', 'dan-future').Problem).toContain('was made by a newer Data Lab (format 7)');
    expect(rowOf('Eve', 'eve-broken').Problem).toContain('is not a Data Lab submission');
    expect(rowOf('Farid', 'farid-sql-fr-debutants')).toMatchObject({ Trainee: 'Farid', filtre: '1', Total: '1' });

    // In French: French headers and values, `;` between fields (the decimal mark is a comma), as French spreadsheets split them.
    const french = await datalabIn({ LANG: 'fr_FR.UTF-8' }, 'grade', 'course.datalab', 'submissions', '--csv', 'notes.csv', '--timeout', '3');
    expect(french.code, french.stderr).toBe(0);
    const notes = (await readFile(path.join(temp.dir, 'notes.csv'), 'utf8')).slice(1).split('\r\n');
    expect(notes[0]).toBe('Stagiaire;Fichier;selection;filtre;tri-limite;distinct;compter;moyenne;having;jointure;jointure-externe;fenetre-rang;fenetre-cumul;dates;decalage;Total;Problème');
    expect(notes.find((l) => l.startsWith('Bruno;'))).toMatch(/^Bruno;[^;]*bruno-sql-fr-debutants\.datalab-submission;0;Non rendu;[^;]*;1;0;.*;Délai dépassé;[^;]*;1;$/);
  });

  it('a zip with a `../` entry is refused as a whole: its row names the zip and the entry, in English and French, on screen and in the CSV', { timeout: 180_000 }, async () => {
    const solutions = Object.fromEntries(await exampleSolutions());
    await writeFile(
      path.join(temp.dir, 'lot.zip'),
      await zipBytes([
        { name: 'groupe/normal.datalab-submission', bytes: Buffer.from(exampleSubmission('Nora', { filtre: solutions['filtre']! })) },
        { name: '../evasion.datalab-submission', bytes: Buffer.from(exampleSubmission('Omar', {})) },
      ]),
    );
    const english = await datalabIn({ LANG: 'en_US.UTF-8' }, 'grade', 'course.datalab', 'lot.zip', '--csv', 'lot-en.csv', '--timeout', '3');
    expect(english.code, english.stderr).toBe(0);
    const sentenceEn = '“lot.zip” was refused as a whole: none of the submissions in it was graded. “lot.zip” has an entry that would land outside its folder (“..”): “../evasion.datalab-submission”.';
    expect(english.stdout).toContain(`lot.zip\t${sentenceEn}`);
    expect(await readFile(path.join(temp.dir, 'lot-en.csv'), 'utf8')).toContain(sentenceEn.replaceAll('"', '""'));

    const french = await datalabIn({ LANG: 'fr_FR.UTF-8' }, 'grade', 'course.datalab', 'lot.zip', '--csv', 'lot-fr.csv', '--timeout', '3');
    expect(french.code, french.stderr).toBe(0);
    const sentenceFr = '«\u00a0lot.zip\u00a0» a été refusé en entier\u00a0: aucun des rendus qu’il contient n’a été noté. «\u00a0lot.zip\u00a0» contient une entrée qui sortirait de son dossier («\u00a0..\u00a0»)\u00a0: «\u00a0../evasion.datalab-submission\u00a0».';
    expect(french.stdout).toContain(`lot.zip\t${sentenceFr}`);
    const csvFr = await readFile(path.join(temp.dir, 'lot-fr.csv'), 'utf8');
    expect(csvFr).toContain(sentenceFr);
    expect(`${english.stdout}${french.stdout}${csvFr}`).not.toMatch(/\{(file|entry|message)\}/);
  });

  it('copies of the example course that break a rule are refused or warned about, naming the file', { timeout: 120_000 }, async () => {
    const course = path.join(temp.dir, 'broken-course');
    await cp(exampleCourse, course, { recursive: true });
    await writeFile(
      path.join(course, 'exercises', '20-limite.md'),
      '---\nid: limite\ntitle: Limite\n---\nTrois manchots.\n\n```sql solution\nSELECT species, island FROM penguins LIMIT 3\n```\n',
    );
    await writeFile(
      path.join(course, 'exercises', '21-egalites.md'),
      '---\nid: egalites\ntitle: Égalités\ncheck:\n  orderMatters: true\n---\nPar espèce.\n\n```sql solution\nSELECT species, island FROM penguins ORDER BY species\n```\n',
    );
    const warned = await datalab('bundle', 'build', course, '-o', 'warned.datalab');
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain('warning: exercises/20-limite.md: LIMIT without ORDER BY');
    expect(warned.stderr).toContain('warning: exercises/21-egalites.md: The check requires row order, but the ORDER BY leaves ties');

    await writeFile(path.join(course, 'exercises', '22-faux.md'), '---\nid: faux\ntitle: Faux\n---\nUne table qui n’existe pas.\n\n```sql solution\nSELECT * FROM pingouins\n```\n');
    const refused = await datalab('bundle', 'build', course, '-o', 'refused.datalab');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: exercises\/22-faux\.md: The solution fails: .*pingouins/);
    expect(await readdir(temp.dir)).not.toContain('refused.datalab');
  });
});
