/**
 * The Lab under /api/lab: a `.datalab` bundle opened by path (through the file roots, or named on
 * the command line) or uploaded (a drop) is verified and imported into the library in the data
 * folder by bundleReader, whose every check happens before anything is kept; its data files become
 * datasets like any opened file. The trainee's progress is saved atomically after every check, and
 * a submission is written from the saved progress (never from what the page claims it holds). The
 * instructor's side: trusted keys and a gradebook that re-runs every submitted SQL on the native
 * engine.
 */
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { carryOver, emptyProgress, readProgress, submissionOf } from '../../../shared/bundles/progress';
import { BundleManifest, BundleProgress, type BundledExercise } from '../../../shared/contract/bundle';
import type { Dataset } from '../../../shared/contract/hostApi';
import {
  CourseKeyParam,
  FingerprintParam,
  GradeBody,
  GradingJobParam,
  type GradingProgress,
  isBundleFileName,
  OpenBundleBody,
  SaveGradesBody,
  SaveSubmissionBody,
  TrustKeyBody,
  TrustState,
  type Gradebook,
  type GradeCell,
  type CourseNotebook,
  type LabCourse,
  type LabCourseSummary,
  type TrustedKeyView,
} from '../../../shared/contract/labApi';
import { isNotebookFileName } from '../../../shared/contract/notebookApi';
import { gradesCsv } from '../../../shared/bundles/gradesCsv';
import { z } from 'zod';
import type { DatasetRegistry } from '../datasets/datasetRegistry';
import { writeFileAtomically } from '../files/atomicWrite';
import { writeTarget } from '../files/writeTarget';
import type { FileRoots } from '../files/fileRoots';
import { HostFailure } from '../hostFailure';
import type { NativeSpawner } from '../native/nativeWorker';
import { importBundle, readExercises, type ImportedBundle } from './bundleReader';
import { gradeBundle } from './gradeBundle';
import { submissionExtension, type CellOutcome, type GradeRow } from './grading';
import { TrustStore } from './trustStore';

type Invalid = Parameters<typeof zValidator>[2];

/** How long a finished grading still answers its progress and its cancel. */
const finishedJobKeptMs = 10_000;

export interface LabRoutesOptions {
  roots: FileRoots;
  datasets: DatasetRegistry;
  dataDir: string;
  nativeProcessScript: string;
  spawnNative?: NativeSpawner;
  /** Bundles named on the command line (real paths): opened even outside the file roots. */
  namedAtStart?: readonly string[];
  /** Bundles the user chose in the native open dialog (real paths, added as chosen): opened even outside the file roots. */
  chosenInDialog?: ReadonlySet<string>;
  /** The largest bundle a drop may upload. */
  maxUploadBytes?: number;
  /** Filled with the real paths of course notebooks, each with its course's language, as courses are read: the notebook routes open them (see notebookRoutes). */
  courseNotebooks?: Map<string, string>;
}

/** What the library keeps beside each imported course: its manifest and how its source was judged. */
const CourseRecord = z.object({ manifest: BundleManifest, trust: TrustState, signer: z.string().nullable(), importedAt: z.string() });
type CourseRecord = z.infer<typeof CourseRecord>;

const recordSuffix = '.course.json';
const defaultMaxUploadBytes = 16 * 2 ** 30;

export function isBundlePath(file: string): boolean {
  return isBundleFileName(path.basename(file));
}

/** The Lab's routes; the courses already in the library have their data registered first (a reload opens them again). */
export async function labRoutes(options: LabRoutesOptions, invalid: Invalid) {
  const library = path.join(options.dataDir, 'library');
  const progressDir = path.join(options.dataDir, 'lab-progress');
  const uploadDir = path.join(options.dataDir, 'lab-uploads');
  const trustStore = new TrustStore(options.dataDir);
  const namedAtStart = new Set(options.namedAtStart ?? []);
  const gradebooks = new Map<string, { rows: GradeRow[]; exercises: BundledExercise[] }>();
  /** Gradings running now, by the page's job id: how far each has got, and its cancel. */
  const gradings = new Map<string, { progress: GradingProgress; abort: AbortController }>();
  // A drop that was interrupted left its upload: nothing else lives there.
  await rm(uploadDir, { recursive: true, force: true });

  const folderOf = (key: string): string => path.join(library, key);
  const progressFile = (bundleId: string): string => path.join(progressDir, `${bundleId}.json`);

  async function readRecord(key: string): Promise<CourseRecord> {
    const text = await readFile(path.join(library, `${key}${recordSuffix}`), 'utf8').catch(() => null);
    const parsed = text === null ? null : CourseRecord.safeParse(parseJson(text));
    if (!parsed?.success) throw new HostFailure(404, 'lab.courseNotFound', { course: key });
    return parsed.data;
  }

  async function courseDatasets(manifest: BundleManifest, folder: string): Promise<Dataset[]> {
    const found: Dataset[] = [];
    for (const file of manifest.files.filter((f) => f.path.startsWith('data/'))) {
      found.push(await options.datasets.open(path.join(folder, ...file.path.split('/'))));
    }
    return found;
  }

  /** The course's notebooks (`notebooks/*.md` of its manifest), openable from now on. */
  async function courseNotebooks(manifest: BundleManifest, folder: string): Promise<CourseNotebook[]> {
    const real = await realpath(folder);
    const found: CourseNotebook[] = [];
    for (const file of manifest.files.filter((f) => f.path.startsWith('notebooks/') && isNotebookFileName(f.path))) {
      const notebook = path.join(real, ...file.path.split('/'));
      options.courseNotebooks?.set(notebook, manifest.language);
      found.push({ path: notebook, fileName: path.basename(notebook) });
    }
    return found;
  }

  async function loadProgress(manifest: BundleManifest): Promise<BundleProgress> {
    const text = await readFile(progressFile(manifest.id), 'utf8').catch(() => null);
    if (text === null) return emptyProgress(manifest, '');
    const read = readProgress(parseJson(text));
    if ('progress' in read) return carryOver(read.progress, manifest);
    // A progress file that cannot be read is left as it is, never overwritten silently.
    const file = progressFile(manifest.id);
    throw read.problem === 'newerFormat' ? new HostFailure(422, 'lab.progressNewerFormat', { file, version: read.version }) : new HostFailure(500, 'lab.progressDamaged', { file });
  }

  async function courseOf(key: string): Promise<LabCourse> {
    const record = await readRecord(key);
    const folder = folderOf(key);
    const exercises = await readExercises(folder, record.manifest, key);
    return {
      key,
      manifest: record.manifest,
      trust: record.trust,
      signer: record.signer,
      exercises,
      datasets: await courseDatasets(record.manifest, folder),
      notebooks: await courseNotebooks(record.manifest, folder),
      progress: await loadProgress(record.manifest),
    };
  }

  async function afterImport(imported: ImportedBundle): Promise<LabCourse> {
    const key = path.basename(imported.folder);
    const record: CourseRecord = { manifest: imported.manifest, trust: imported.trust, signer: imported.signer, importedAt: new Date().toISOString() };
    await writeFileAtomically(path.join(library, `${key}${recordSuffix}`), `${JSON.stringify(record)}\n`);
    return courseOf(key);
  }

  async function listCourses(): Promise<LabCourseSummary[]> {
    const names = await readdir(library).catch(() => [] as string[]);
    const courses: LabCourseSummary[] = [];
    for (const name of names.filter((n) => n.endsWith(recordSuffix))) {
      const key = name.slice(0, -recordSuffix.length);
      if (!CourseKeyParam.safeParse({ key }).success) continue;
      const record = await readRecord(key).catch(() => null);
      if (record) courses.push({ key, title: record.manifest.title, trust: record.trust, signer: record.signer, importedAt: record.importedAt });
    }
    return courses.sort((a, b) => b.importedAt.localeCompare(a.importedAt));
  }

  // Courses already imported serve their data from the start: a reload finds them in the session.
  for (const course of await listCourses().catch(() => [])) {
    const record = await readRecord(course.key).catch(() => null);
    if (record) await courseDatasets(record.manifest, folderOf(course.key)).catch(() => undefined);
  }

  /** A file the user names to write (a submission, grades), with its extension (see writeTarget). */
  const writeWithExtension = (requested: string, extension: string): Promise<string> =>
    writeTarget(options.roots, requested, {
      accepts: (fileName) => fileName.toLowerCase().endsWith(extension) && fileName.length > extension.length,
      wrongName: (file) => new HostFailure(422, 'lab.wrongExtension', { file, extension }),
      notAFile: 'lab.notAFile',
    });

  const readable = async (requested: string): Promise<string> =>
    namedAtStart.has(requested) || options.chosenInDialog?.has(requested) ? requested : options.roots.resolve(requested);

  return new Hono()
    .get('/courses', async (c) => c.json(await listCourses()))
    .get('/at-start', (c) => c.json([...namedAtStart]))
    .post('/open', zValidator('json', OpenBundleBody, invalid), async (c) => {
      const body = c.req.valid('json');
      const file = await readable(body.path);
      if (!isBundlePath(file)) throw new HostFailure(422, 'lab.notBundle', { file: path.basename(file) });
      const imported = await importBundle(file, { library, trustStore, allowUnverified: body.allowUnverified });
      return c.json(await afterImport(imported));
    })
    // A dropped bundle: the page sends its bytes (it has no path in browser mode). Streamed to a
    // temporary file under a size cap, imported as if opened, then removed.
    .post('/upload', async (c) => {
      const fileName = path.basename(c.req.query('name') ?? 'bundle.datalab');
      if (!isBundleFileName(fileName)) throw new HostFailure(422, 'lab.notBundle', { file: fileName });
      const allowUnverified = c.req.query('allowUnverified') === 'true';
      const body = c.req.raw.body;
      if (!body) throw new HostFailure(400, 'error.invalidRequest', { message: 'no body' });
      const max = options.maxUploadBytes ?? defaultMaxUploadBytes;
      await mkdir(uploadDir, { recursive: true });
      const folder = path.join(uploadDir, randomBytes(8).toString('hex'));
      await mkdir(folder);
      const staged = path.join(folder, fileName);
      try {
        let received = 0;
        const cap = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            done(received > max ? new HostFailure(413, 'lab.uploadTooLarge', { limit: { bytes: max } }) : null, chunk);
          },
        });
        await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), cap, createWriteStream(staged, { flags: 'wx' }));
        const imported = await importBundle(staged, { library, trustStore, allowUnverified });
        return c.json(await afterImport(imported));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    })
    .get('/courses/:key', zValidator('param', CourseKeyParam, invalid), async (c) => c.json(await courseOf(c.req.valid('param').key)))
    .put('/courses/:key/progress', zValidator('param', CourseKeyParam, invalid), zValidator('json', BundleProgress, invalid), async (c) => {
      const record = await readRecord(c.req.valid('param').key);
      const progress = c.req.valid('json');
      if (progress.bundleId !== record.manifest.id) throw new HostFailure(422, 'lab.progressOtherBundle', { course: record.manifest.id });
      await mkdir(progressDir, { recursive: true });
      await writeFileAtomically(progressFile(record.manifest.id), `${JSON.stringify(progress)}\n`);
      return c.body(null, 204);
    })
    .post('/courses/:key/submission', zValidator('param', CourseKeyParam, invalid), zValidator('json', SaveSubmissionBody, invalid), async (c) => {
      const record = await readRecord(c.req.valid('param').key);
      const { trainee, path: requested } = c.req.valid('json');
      const target = await writeWithExtension(requested, submissionExtension);
      const progress = { ...(await loadProgress(record.manifest)), trainee };
      await mkdir(progressDir, { recursive: true });
      await writeFileAtomically(progressFile(record.manifest.id), `${JSON.stringify(progress)}\n`);
      await writeFileAtomically(target, `${JSON.stringify(submissionOf(progress, record.manifest, new Date()), null, 2)}\n`);
      return c.json({ path: target });
    })
    .get('/keys', async (c) => {
      const keys: TrustedKeyView[] = (await trustStore.list()).map(({ name, fingerprint, addedAt }) => ({ name, fingerprint, addedAt }));
      return c.json(keys);
    })
    .post('/keys', zValidator('json', TrustKeyBody, invalid), async (c) => {
      const file = await options.roots.resolve(c.req.valid('json').path);
      const { name, fingerprint, addedAt } = await trustStore.importFrom(file);
      const reply: TrustedKeyView = { name, fingerprint, addedAt };
      return c.json(reply);
    })
    .delete('/keys/:fingerprint', zValidator('param', FingerprintParam, invalid), async (c) => {
      const removed = await trustStore.remove(c.req.valid('param').fingerprint);
      if (!removed) throw new HostFailure(404, 'lab.keyNotFound', { fingerprint: c.req.valid('param').fingerprint });
      return c.body(null, 204);
    })
    .post('/grade', zValidator('json', GradeBody, invalid), async (c) => {
      const body = c.req.valid('json');
      // Known before anything is awaited: a Cancel or a poll that comes at once finds it.
      if (body.jobId !== undefined && gradings.has(body.jobId)) throw new HostFailure(409, 'lab.gradingRunning');
      const job = { progress: { graded: 0, total: null } as GradingProgress, abort: new AbortController() };
      if (body.jobId !== undefined) gradings.set(body.jobId, job);
      let graded: Awaited<ReturnType<typeof gradeBundle>>;
      try {
        const bundle = await options.roots.resolve(body.bundle);
        const inputs: string[] = [];
        for (const input of body.inputs) inputs.push(await options.roots.resolve(input));
        const scratchParent = path.join(options.dataDir, 'grading');
        await mkdir(scratchParent, { recursive: true });
        graded = await gradeBundle(bundle, inputs, {
          scratchParent,
          nativeProcessScript: options.nativeProcessScript,
          ...(options.spawnNative ? { spawn: options.spawnNative } : {}),
          timeoutMs: body.timeoutSeconds * 1000,
          trustStore,
          signal: job.abort.signal,
          onSubmissions: (count) => (job.progress = { graded: 0, total: count }),
          onRow: () => (job.progress = { graded: job.progress.graded + 1, total: job.progress.total }),
        });
      } finally {
        // Kept a little after it ends, so that a poll already on its way gets the last count, not a 404.
        const { jobId } = body;
        if (jobId !== undefined) setTimeout(() => gradings.get(jobId) === job && gradings.delete(jobId), finishedJobKeptMs).unref?.();
      }
      const gradebookId = randomUUID();
      // Only the latest few are kept, for their CSV.
      gradebooks.set(gradebookId, { rows: graded.rows, exercises: graded.exercises });
      while (gradebooks.size > 4) gradebooks.delete(gradebooks.keys().next().value!);
      const reply: Gradebook = {
        bundle: { id: graded.manifest.id, version: graded.manifest.version, title: graded.manifest.title, trust: graded.trust, signer: graded.signer },
        exercises: graded.exercises.map(({ id, title, points }) => ({ id, title, points })),
        rows: graded.rows.map((row) => ({
          source: row.source,
          trainee: row.trainee,
          problem: row.problem,
          cells: Object.fromEntries([...row.cells].map(([id, cell]) => [id, cellView(cell)])),
          total: row.total,
        })),
        gradebookId,
      };
      return c.json(reply);
    })
    .get('/grade/:jobId', zValidator('param', GradingJobParam, invalid), (c) => {
      const job = gradings.get(c.req.valid('param').jobId);
      if (!job) throw new HostFailure(404, 'lab.gradingNotRunning');
      return c.json(job.progress);
    })
    .post('/grade/:jobId/cancel', zValidator('param', GradingJobParam, invalid), (c) => {
      const job = gradings.get(c.req.valid('param').jobId);
      // Already finished: nothing is left to stop.
      job?.abort.abort();
      return c.body(null, 204);
    })
    .post('/grades', zValidator('json', SaveGradesBody, invalid), async (c) => {
      const body = c.req.valid('json');
      const gradebook = gradebooks.get(body.gradebookId);
      if (!gradebook) throw new HostFailure(404, 'lab.gradebookGone');
      const target = await writeWithExtension(body.path, '.csv');
      await writeFileAtomically(target, gradesCsv(gradebook.rows, gradebook.exercises, body.locale));
      return c.json({ path: target });
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function cellView(cell: CellOutcome): GradeCell {
  switch (cell.kind) {
    case 'checked':
      return { kind: cell.kind, points: cell.points, detail: `${cell.feedback.matchingRows}/${cell.feedback.expectedRowCount}` };
    case 'timed-out':
    case 'failed':
      return { kind: cell.kind, points: 0, detail: cell.message };
    case 'not-submitted':
      return { kind: cell.kind, points: 0, detail: null };
  }
}
