/**
 * The Lab's host routes as the page calls them: opening a bundle (trust, refusal of tampered and
 * hostile ones before anything is kept, uploads under a cap), progress saved atomically, a
 * submission written from the saved progress, the trusted keys and the gradebook, all through a
 * real host core over real files and the real native engine.
 */
import type { NotebookFile } from '../../../shared/contract/notebookApi';
import { mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedResultOf } from '../../../shared/bundles/checker';
import { gradeProblemText } from '../../../shared/bundles/gradeText';
import { createTranslator, isMessageKey, type MessageKey } from '../../../shared/i18n/translate';
import { recordCheck } from '../../../shared/bundles/progress';
import { CheckPolicy, Submission, type BundledExercise, type InstructorKeyFile } from '../../../shared/contract/bundle';
import type { Gradebook, LabCourse, LabCourseSummary, TrustedKeyView } from '../../../shared/contract/labApi';
import { labRoutes } from '../../../electron/host/bundles/labRoutes';
import { fingerprintOf, newInstructorKey, publicKeyFileOf } from '../../../electron/host/bundles/signing';
import { DatasetRegistry } from '../../../electron/host/datasets/datasetRegistry';
import { FileRoots } from '../../../electron/host/files/fileRoots';
import type { HostCore } from '../../../electron/host/hostCore';
import { HostFailure } from '../../../electron/host/hostFailure';
import { writeFixtureBundle, zipBytes, type FixtureEntry, type FixtureOptions } from '../../support/bundleFixtures';
import { builtNativeProcessScript } from '../../support/builtApp';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { makeTempDir } from '../../support/tempDir';

let scratch: ScratchHostCore;
let home: string;
let dataDir: string;
let core: HostCore;
const { call, send } = requestsTo(() => core);

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
  dataDir = path.join(scratch.dir, 'data');
});
afterEach(() => scratch.dispose());

const policy = CheckPolicy.parse({});
const csv = Buffer.from('n,label\n1,un\n2,deux\n3,trois\n');
/** "How many rows?": the answer is 3, kept only as a salted digest. */
const exercise: BundledExercise = {
  id: 'compter',
  title: 'Compter',
  points: 2,
  check: policy,
  prompt: 'Combien de lignes ? <script>alert(1)</script>',
  starter: 'SELECT 1;',
  hints: ['count(*)', 'FROM nombres'],
  expected: expectedResultOf({ columns: [{ name: 'total', type: 'BIGINT' }], rows: [['3']] }, policy, '0123456789abcdef0123456789abcdef'),
};

function courseEntries(extra: FixtureEntry[] = []): FixtureEntry[] {
  return [
    { name: 'data/nombres.csv', bytes: csv, compress: false },
    { name: 'exercises/compter.json', bytes: Buffer.from(JSON.stringify(exercise)) },
    ...extra,
  ];
}

async function writeCourse(name: string, options: FixtureOptions = {}, extra: FixtureEntry[] = []): Promise<string> {
  const file = path.join(home, name);
  await writeFixtureBundle(file, courseEntries(extra), { ...options, manifest: (m) => ({ ...(options.manifest ? options.manifest(m) : m), id: 'cours', title: 'Cours de test', exercises: ['compter'] }) });
  return file;
}

async function errorOf(response: Response): Promise<{ code: string; error: string }> {
  return (await response.json()) as { code: string; error: string };
}

async function trustKey(key: InstructorKeyFile): Promise<TrustedKeyView> {
  const pub = path.join(home, 'prof.pub');
  await writeFile(pub, JSON.stringify(publicKeyFileOf(key, 'Prof. Martin')));
  const response = await send('POST', '/api/lab/keys', { path: pub });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as TrustedKeyView;
}

/** Everything under the data folder's library, as paths. */
async function libraryTree(): Promise<string[]> {
  return (await readdir(path.join(dataDir, 'library'), { recursive: true }).catch(() => [] as string[])).sort();
}

describe('opening a bundle', { timeout: 60_000 }, () => {
  it('an unsigned bundle opens only after the user confirms; its data becomes datasets and it stays in the library', async () => {
    const file = await writeCourse('cours.datalab');
    const refused = await send('POST', '/api/lab/open', { path: file });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'bundle.unverifiedUnsigned', error: expect.stringContaining('is not signed') });
    expect(await libraryTree()).toEqual([]);

    const opened = await send('POST', '/api/lab/open', { path: file, allowUnverified: true });
    expect(opened.status, await opened.clone().text()).toBe(200);
    const course = (await opened.json()) as LabCourse;
    expect(course).toMatchObject({ key: 'cours@1.0.0', trust: 'unsigned', signer: null, manifest: { title: 'Cours de test' } });
    expect(course.exercises.map((e) => e.id)).toEqual(['compter']);
    // The prompt is carried as text; the page renders it inert.
    expect(course.exercises[0]!.prompt).toContain('<script>');
    expect(course.datasets.map((d) => d.fileName)).toEqual(['nombres.csv']);
    const session = (await (await call('/api/session')).json()) as { datasets: { id: string }[] };
    expect(session.datasets.map((d) => d.id)).toContain(course.datasets[0]!.id);
    const content = await call(`/api/datasets/${course.datasets[0]!.id}/content`);
    expect(Buffer.from(await content.arrayBuffer()).equals(csv)).toBe(true);

    const listed = (await (await call('/api/lab/courses')).json()) as LabCourseSummary[];
    expect(listed.map((c) => [c.key, c.title, c.trust])).toEqual([['cours@1.0.0', 'Cours de test', 'unsigned']]);
  });

  it('its notebooks open through the notebook routes, run from the course, and are saved only elsewhere (the course stays as signed)', async () => {
    const notebookText = '# Introduction\n\n```sql\nSELECT count(*) AS n FROM nombres\n```\n';
    const file = await writeCourse('cours.datalab', {}, [{ name: 'notebooks/introduction.md', bytes: Buffer.from(notebookText) }]);
    const course = (await (await send('POST', '/api/lab/open', { path: file, allowUnverified: true })).json()) as LabCourse;
    expect(course.notebooks.map((n) => n.fileName)).toEqual(['introduction.md']);
    const notebookPath = course.notebooks[0]!.path;
    expect(notebookPath.startsWith(await realpath(path.join(dataDir, 'library')))).toBe(true);

    const opened = await send('POST', '/api/notebooks/open', { path: notebookPath });
    expect(opened.status, await opened.clone().text()).toBe(200);
    const openedFile = (await opened.json()) as NotebookFile;
    // Read-only (the page offers Save as, elsewhere) and in the course's language (its Markdown is shown so).
    expect(openedFile).toMatchObject({ text: notebookText, readOnly: true, language: course.manifest.language });
    // Its cells prepare from the course's folder, as a notebook opened from disk.
    const prepared = await send('POST', '/api/notebooks/prepare', { sql: 'SELECT count(*) AS n FROM nombres', notebookPath });
    expect(prepared.status, await prepared.clone().text()).toBe(200);

    const saved = await send('PUT', '/api/notebooks/file', { path: notebookPath, text: '# Changed\n', bom: false, expectedVersion: null });
    expect(saved.status).toBe(403);
    expect((await errorOf(saved)).code).toBe('notebook.appFolder');
    expect(await readFile(notebookPath, 'utf8')).toBe(notebookText);
    const copy = path.join(home, 'introduction.md');
    expect((await send('PUT', '/api/notebooks/file', { path: copy, text: '# Mine\n', bom: false, expectedVersion: null })).status).toBe(200);
    expect(await readFile(copy, 'utf8')).toBe('# Mine\n');

    // Only the course's own notebooks: another file of the library stays out of reach.
    const other = path.join(path.dirname(notebookPath), '..', 'exercises', 'compter.json');
    expect((await send('POST', '/api/notebooks/open', { path: other })).status).toBeGreaterThanOrEqual(400);
  });

  it('says who signed it: a trusted key opens verified; once removed, the same bundle names the unknown fingerprint', async () => {
    const key = newInstructorKey();
    const file = await writeCourse('signe.datalab', { key });
    const trusted = await trustKey(key);
    expect(trusted).toMatchObject({ name: 'Prof. Martin', fingerprint: fingerprintOf(key.publicKey) });
    expect(((await (await call('/api/lab/keys')).json()) as TrustedKeyView[]).map((k) => k.fingerprint)).toEqual([trusted.fingerprint]);

    const verified = await send('POST', '/api/lab/open', { path: file });
    expect(verified.status, await verified.clone().text()).toBe(200);
    expect((await verified.json()) as LabCourse).toMatchObject({ trust: 'verified', signer: trusted.fingerprint });

    expect((await send('DELETE', `/api/lab/keys/${trusted.fingerprint}`)).status).toBe(204);
    expect((await send('DELETE', `/api/lab/keys/${trusted.fingerprint}`)).status).toBe(404);
    const unknown = await send('POST', '/api/lab/open', { path: file });
    expect(unknown.status).toBe(403);
    expect(await errorOf(unknown)).toMatchObject({ code: 'bundle.unverifiedSigner', error: expect.stringContaining(trusted.fingerprint) });
  });

  it('a key file that is not a key is refused with a clear message', async () => {
    await writeFile(path.join(home, 'notes.pub'), 'just notes');
    const refused = await send('POST', '/api/lab/keys', { path: path.join(home, 'notes.pub') });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).error).toBe('“notes.pub” is not a Data Lab key file.');
  });

  it('a tampered bundle is refused with the reason, and nothing is kept, even with the user’s consent to an unverified source', async () => {
    const key = newInstructorKey();
    await trustKey(key);
    // A changed byte in a signed data file: the manifest still lists the original hash.
    const dataChanged = await writeCourse('donnees.datalab', {
      key,
      patch: (zip) => {
        const at = zip.indexOf('3,trois');
        zip[at] = '4'.charCodeAt(0);
        return zip;
      },
    });
    const refused = await send('POST', '/api/lab/open', { path: dataChanged, allowUnverified: true });
    expect(refused.status).toBe(422);
    expect(['bundle.entryChanged', 'bundle.entryCrc']).toContain((await errorOf(refused)).code);

    // A changed manifest after signing.
    const manifestChanged = await writeCourse('manifeste.datalab', { key, tamperManifest: (bytes) => Buffer.from(bytes.toString().replace('Cours de test', 'Cours piraté')) });
    const tampered = await send('POST', '/api/lab/open', { path: manifestChanged, allowUnverified: true });
    expect(tampered.status).toBe(422);
    expect(await errorOf(tampered)).toMatchObject({ code: 'bundle.tampered', error: expect.stringContaining('was changed after it was signed') });
    expect(await libraryTree()).toEqual([]);
  });

  it('hostile entries (path traversal, a listed one included) are refused and nothing appears anywhere', async () => {
    const evil = Buffer.from('pwned');
    const traversal = await writeCourse('evil.datalab', {}, [{ name: '../../evil.txt', bytes: evil }]);
    const before = (await readdir(scratch.dir, { recursive: true })).sort();
    const refused = await send('POST', '/api/lab/open', { path: traversal, allowUnverified: true });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).code).toBe('bundle.entryNameParent');
    const after = (await readdir(scratch.dir, { recursive: true })).filter((p) => !p.startsWith(path.join('data', 'native')) && !p.startsWith(path.join('data', 'cache')));
    expect(after.filter((p) => p.includes('evil.txt') && !p.endsWith('evil.datalab'))).toEqual([]);
    expect(after.filter((p) => !before.includes(p) && !p.startsWith('data'))).toEqual([]);
    expect(await libraryTree()).toEqual([]);

    // Not a bundle by name, a folder, a path outside the file roots.
    expect((await send('POST', '/api/lab/open', { path: path.join(home, 'prof.csv') })).status).toBeGreaterThanOrEqual(400);
    const outside = await makeTempDir();
    try {
      const elsewhere = path.join(outside.dir, 'x.datalab');
      await writeFile(elsewhere, 'x');
      const refusedOutside = await send('POST', '/api/lab/open', { path: elsewhere, allowUnverified: true });
      expect(refusedOutside.status).toBeGreaterThanOrEqual(400);
      expect(refusedOutside.status).toBeLessThan(500);
    } finally {
      await outside.cleanup();
    }
  });

  it('a dropped bundle is uploaded and imported; one past the size cap is refused and leaves nothing', async () => {
    const file = await writeCourse('depose.datalab');
    const bytes = await readFile(file);
    const uploaded = await call('/api/lab/upload?name=depose.datalab&allowUnverified=true', { method: 'POST', body: bytes });
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
    expect(((await uploaded.json()) as LabCourse).key).toBe('cours@1.0.0');
    expect(await readdir(path.join(dataDir, 'lab-uploads'))).toEqual([]);

    // The same routes with a small cap: the upload stops at the cap and nothing is kept.
    const capped = await makeTempDir();
    try {
      const roots = await FileRoots.create([{ label: 'files.rootHome', path: home }]);
      const app = new Hono();
      // The host core's own error handler, reduced to the status and code.
      app.onError((error, c) => (error instanceof HostFailure ? c.json({ code: error.code }, error.status) : c.json({ code: 'error.host' }, 500)));
      app.route(
        '/lab',
        await labRoutes({ roots, datasets: new DatasetRegistry(), dataDir: capped.dir, nativeProcessScript: builtNativeProcessScript(), maxUploadBytes: 1_000 }, () => undefined),
      );
      const tooLarge = await app.request('/lab/upload?name=depose.datalab&allowUnverified=true', { method: 'POST', body: bytes });
      expect(tooLarge.status).toBe(413);
      expect(await readdir(capped.dir, { recursive: true })).toEqual(['lab-uploads']);
      const notBundle = await app.request('/lab/upload?name=notes.txt', { method: 'POST', body: bytes });
      expect(notBundle.status).toBe(422);
    } finally {
      await capped.cleanup();
    }
  });
});

describe('progress and submissions', { timeout: 60_000 }, () => {
  it('progress is saved atomically, comes back with the course, and a submission is written from it', async () => {
    const file = await writeCourse('cours.datalab');
    const course = (await (await send('POST', '/api/lab/open', { path: file, allowUnverified: true })).json()) as LabCourse;
    const progress = recordCheck(recordCheck(course.progress, 'compter', 'SELECT 1', false, new Date()), 'compter', 'SELECT count(*) AS total FROM nombres', true, new Date());
    const put = await send('PUT', '/api/lab/courses/cours@1.0.0/progress', progress);
    expect(put.status, await put.clone().text()).toBe(204);
    expect(await readdir(path.join(dataDir, 'lab-progress'))).toEqual(['cours.json']);
    const again = (await (await call('/api/lab/courses/cours@1.0.0')).json()) as LabCourse;
    expect(again.progress.exercises.compter).toMatchObject({ status: 'solved', attempts: 2, lastSql: 'SELECT count(*) AS total FROM nombres' });

    // Progress that is not progress, or for another course, is refused and the saved one kept.
    expect((await send('PUT', '/api/lab/courses/cours@1.0.0/progress', { exercises: 'x' })).status).toBe(400);
    expect((await send('PUT', '/api/lab/courses/cours@1.0.0/progress', { ...progress, bundleId: 'autre' })).status).toBe(422);
    expect((await send('PUT', '/api/lab/courses/..%2F..@1/progress', progress)).status).toBe(400);

    // A damaged progress file is reported and left as it is, never silently replaced by an empty one.
    const progressFile = path.join(dataDir, 'lab-progress', 'cours.json');
    const saved = await readFile(progressFile);
    await writeFile(progressFile, '{"format": "datalab-progress", trunc');
    const damaged = await call('/api/lab/courses/cours@1.0.0');
    expect(damaged.status).toBe(500);
    expect((await errorOf(damaged)).code).toBe('lab.progressDamaged');
    expect(await readFile(progressFile, 'utf8')).toBe('{"format": "datalab-progress", trunc');
    // Progress saved by a newer Data Lab (a later format, with a field this one does not know) is
    // said to be so, not damaged, and left as it is.
    const newer = JSON.stringify({ ...JSON.parse(saved.toString('utf8')), formatVersion: 2, streak: 3 });
    await writeFile(progressFile, newer);
    const fromNewer = await call('/api/lab/courses/cours@1.0.0');
    expect(fromNewer.status).toBe(422);
    const newerError = await errorOf(fromNewer);
    expect(newerError.code).toBe('lab.progressNewerFormat');
    expect(newerError.error).toBe(`Your progress file (${progressFile}) was made by a newer Data Lab (format 2); it was left as it is. Update Data Lab to go on with this course.`);
    expect(await readFile(progressFile, 'utf8')).toBe(newer);
    // Progress saved before solvedSql was kept (format 1, without it) is read as it was.
    const before = {
      format: 'datalab-progress',
      formatVersion: 1,
      bundleId: 'cours',
      bundleVersion: '1.0.0',
      trainee: '',
      exercises: { compter: { status: 'solved', attempts: 1, lastSql: 'SELECT 3 AS total', hintsShown: 0, firstAttemptAt: null, lastAttemptAt: null, solvedAt: null } },
    };
    await writeFile(progressFile, JSON.stringify(before));
    expect(((await (await call('/api/lab/courses/cours@1.0.0')).json()) as LabCourse).progress).toEqual(before);
    await writeFile(progressFile, saved);

    const target = path.join(home, 'Amina-cours.datalab-submission');
    const written = await send('POST', '/api/lab/courses/cours@1.0.0/submission', { trainee: 'Amina', path: target });
    expect(written.status, await written.clone().text()).toBe(200);
    const submission = Submission.parse(JSON.parse(await readFile(target, 'utf8')));
    expect(submission).toMatchObject({ bundleId: 'cours', bundleVersion: '1.0.0', trainee: 'Amina', exercises: [{ id: 'compter', sql: 'SELECT count(*) AS total FROM nombres', status: 'solved', attempts: 2 }] });

    // Only a .datalab-submission file, inside the file roots.
    expect((await send('POST', '/api/lab/courses/cours@1.0.0/submission', { trainee: 'Amina', path: path.join(home, 'x.json') })).status).toBe(422);
    await mkdir(path.join(home, 'dossier.datalab-submission'));
    expect((await send('POST', '/api/lab/courses/cours@1.0.0/submission', { trainee: 'Amina', path: path.join(home, 'dossier.datalab-submission') })).status).toBe(422);
    const outside = await makeTempDir();
    try {
      const response = await send('POST', '/api/lab/courses/cours@1.0.0/submission', { trainee: 'Amina', path: path.join(outside.dir, 'a.datalab-submission') });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await readdir(outside.dir)).toEqual([]);
    } finally {
      await outside.cleanup();
    }
  });

  it('the gradebook re-runs every submission on the native engine and writes CSV', { timeout: 120_000 }, async () => {
    const file = await writeCourse('cours.datalab');
    const folder = path.join(home, 'rendus');
    await mkdir(folder);
    const submission = (trainee: string, sql: string, status = 'solved'): string =>
      JSON.stringify({ format: 'datalab-submission', formatVersion: 1, bundleId: 'cours', bundleVersion: '1.0.0', trainee, submittedAt: '2026-12-01T10:00:00.000Z', exercises: [{ id: 'compter', sql, status, attempts: 1 }] });
    await writeFile(path.join(folder, 'amina-cours.datalab-submission'), submission('Amina', 'SELECT count(*) AS total FROM nombres'));
    // Claims "solved", but the SQL is wrong: graded on its SQL.
    await writeFile(path.join(folder, 'yanis-cours.datalab-submission'), submission('Yanis', 'SELECT 2 AS total'));
    await writeFile(path.join(folder, 'broken-cours.datalab-submission'), '{ not json');

    const graded = await send('POST', '/api/lab/grade', { bundle: file, inputs: [folder] });
    expect(graded.status, await graded.clone().text()).toBe(200);
    const gradebook = (await graded.json()) as Gradebook;
    const byTrainee = Object.fromEntries(gradebook.rows.map((row) => [row.trainee ?? path.basename(row.source), row]));
    expect(byTrainee.Amina).toMatchObject({ total: 2, problem: null, cells: { compter: { kind: 'checked', points: 2 } } });
    expect(byTrainee.Yanis).toMatchObject({ total: 0, cells: { compter: { kind: 'checked', points: 0 } } });
    expect(byTrainee['broken-cours.datalab-submission']?.problem?.key).toBe('grade.notSubmission');

    const csvFile = path.join(home, 'notes.csv');
    const savedCsv = await send('POST', '/api/lab/grades', { gradebookId: gradebook.gradebookId, path: csvFile, locale: 'fr' });
    expect(savedCsv.status, await savedCsv.clone().text()).toBe(200);
    const text = await readFile(csvFile, 'utf8');
    // French throughout: headers, values and `;` between fields (French spreadsheets split on it).
    expect(text.split('\r\n')[0]).toBe('\uFEFFStagiaire;Fichier;compter;Total;Problème');
    expect(text).toMatch(/\r\nAmina;[^\r\n]*amina-cours\.datalab-submission;2;2;\r\n/);
    expect(text).toMatch(/\r\n;[^\r\n]*broken-cours\.datalab-submission;;;«\u00a0broken-cours\.datalab-submission\u00a0» n’est pas un rendu Data Lab\.\r\n/);
    expect((await send('POST', '/api/lab/grades', { gradebookId: 'gone', path: csvFile })).status).toBe(404);
  });

  it('a zip with a `../` entry is refused as a whole, on a row naming it and the entry, in the reader’s language', { timeout: 120_000 }, async () => {
    const file = await writeCourse('cours.datalab');
    const submission = JSON.stringify({ format: 'datalab-submission', formatVersion: 1, bundleId: 'cours', bundleVersion: '1.0.0', trainee: 'Amina', submittedAt: '2026-12-01T10:00:00.000Z', exercises: [{ id: 'compter', sql: 'SELECT count(*) AS total FROM nombres', status: 'solved', attempts: 1 }] });
    const zip = path.join(home, 'lot.zip');
    await writeFile(
      zip,
      await zipBytes([
        { name: 'groupe/normal.datalab-submission', bytes: Buffer.from(submission) },
        { name: '../evasion.datalab-submission', bytes: Buffer.from(submission) },
      ]),
    );
    const graded = await send('POST', '/api/lab/grade', { bundle: file, inputs: [zip] });
    expect(graded.status, await graded.clone().text()).toBe(200);
    const gradebook = (await graded.json()) as Gradebook;
    expect(gradebook.rows).toHaveLength(1);
    const row = gradebook.rows[0]!;
    expect(row.source).toBe(zip);
    const problem = row.problem!;
    expect(isMessageKey(problem.key) && isMessageKey(problem.cause?.key)).toBe(true);
    const shown = (locale: 'en' | 'fr') => gradeProblemText({ key: problem.key as MessageKey, params: problem.params, cause: { key: problem.cause!.key as MessageKey, params: problem.cause!.params } }, createTranslator(locale));
    expect(shown('en')).toBe('“lot.zip” was refused as a whole: none of the submissions in it was graded. “lot.zip” has an entry that would land outside its folder (“..”): “../evasion.datalab-submission”.');
    expect(shown('fr')).toBe('«\u00a0lot.zip\u00a0» a été refusé en entier\u00a0: aucun des rendus qu’il contient n’a été noté. «\u00a0lot.zip\u00a0» contient une entrée qui sortirait de son dossier («\u00a0..\u00a0»)\u00a0: «\u00a0../evasion.datalab-submission\u00a0».');

    const csvFile = path.join(home, 'notes.csv');
    expect((await send('POST', '/api/lab/grades', { gradebookId: gradebook.gradebookId, path: csvFile, locale: 'fr' })).status).toBe(200);
    const csv = await readFile(csvFile, 'utf8');
    expect(csv).toContain('«\u00a0lot.zip\u00a0» contient une entrée qui sortirait de son dossier («\u00a0..\u00a0»)\u00a0: «\u00a0../evasion.datalab-submission\u00a0».');
    expect(csv).not.toContain('{');
  });
});
