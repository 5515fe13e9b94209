/**
 * Re-grading trainees' submissions: every submitted SQL is run again on the native engine against
 * the bundle's own data and checked against the hidden record; the status the trainee's app wrote
 * is never read. A file that is not a submission, is for another bundle or version, comes from a
 * newer format, or repeats a trainee is reported on its own row and graded no further. A statement
 * that never ends times out on its own cell.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkResult, type CheckFeedback } from '../../../shared/bundles/checker';
import { Submission, submissionFormatVersion, type BundledExercise, type BundleManifest } from '../../../shared/contract/bundle';
import type { GradeProblemText } from '../../../shared/bundles/gradeText';
import { fileFailure, HostFailure } from '../hostFailure';
import type { CourseEngine } from './courseEngine';
import { SafeArchive } from './safeArchive';

export const submissionExtension = '.datalab-submission';
const maxSubmissionBytes = 32 * 2 ** 20;

/** One submission file as found: its bytes, or why it could not be read. */
export interface SubmissionFile {
  /** Where it came from: a path, or "archive.zip: entry". */
  name: string;
  bytes: Buffer | null;
  problem: GradeProblemText | null;
}

/**
 * A failure as a row's problem, its parameters kept whole: the message names the file and often the
 * entry (a zip's `../` entry), and dropping one leaves its placeholder in the gradebook.
 */
function problemOf(failure: HostFailure): GradeProblemText {
  return { key: failure.code, params: failure.params };
}

export type CellOutcome =
  | { kind: 'checked'; points: number; feedback: CheckFeedback }
  | { kind: 'timed-out'; points: 0; message: string }
  | { kind: 'failed'; points: 0; message: string }
  | { kind: 'not-submitted'; points: 0 };

export interface GradeRow {
  source: string;
  trainee: string | null;
  /** Why this row was not graded. */
  problem: GradeProblemText | null;
  cells: Map<string, CellOutcome>;
  total: number;
}

async function readSubmissionFile(file: string): Promise<SubmissionFile> {
  try {
    const info = await stat(file);
    if (info.size > maxSubmissionBytes) return { name: file, bytes: null, problem: { key: 'grade.notSubmission', params: { file: path.basename(file) } } };
    return { name: file, bytes: await readFile(file), problem: null };
  } catch (error) {
    return { name: file, bytes: null, problem: problemOf(error instanceof HostFailure ? error : fileFailure(error, path.basename(file))) };
  }
}

async function readZip(file: string): Promise<SubmissionFile[]> {
  let archive: SafeArchive;
  try {
    archive = await SafeArchive.open(file);
  } catch (error) {
    // A hostile or damaged archive is refused as a whole, before any of its entries is read: its
    // row says so, so that the submissions inside are not silently missing from the gradebook.
    const failure = error instanceof HostFailure ? error : new HostFailure(422, 'grade.notSubmission', { file: path.basename(file) });
    return [{ name: file, bytes: null, problem: { key: 'grade.archiveRefused', params: { file: path.basename(file) }, cause: problemOf(failure) } }];
  }
  const found: SubmissionFile[] = [];
  try {
    for (const item of archive.entries) {
      if (item.isFolder || !item.name.toLowerCase().endsWith(submissionExtension)) continue;
      const name = `${file}: ${item.name}`;
      try {
        found.push({ name, bytes: await archive.readBytes(item, maxSubmissionBytes), problem: null });
      } catch (error) {
        const failure = error instanceof HostFailure ? error : new HostFailure(422, 'grade.notSubmission', { file: item.name });
        found.push({ name, bytes: null, problem: problemOf(failure) });
      }
    }
  } finally {
    archive.close();
  }
  return found;
}

/** Submission files from files, folders (searched through) and zips of them. */
export async function collectSubmissions(inputs: string[]): Promise<SubmissionFile[]> {
  const found: SubmissionFile[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(input, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => entry.isFile() && (entry.name.toLowerCase().endsWith(submissionExtension) || entry.name.toLowerCase().endsWith('.zip')))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort();
      found.push(...(await collectSubmissions(files)));
    } else if (input.toLowerCase().endsWith('.zip')) found.push(...(await readZip(input)));
    else found.push(await readSubmissionFile(input));
  }
  return found;
}

function parseSubmission(file: SubmissionFile, manifest: BundleManifest): { submission: Submission } | { problem: GradeRow['problem'] } {
  const base = path.basename(file.name);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes!));
  } catch {
    return { problem: { key: 'grade.notSubmission', params: { file: base } } };
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > submissionFormatVersion) return { problem: { key: 'grade.newerFormat', params: { file: base, version } } };
  const parsed = Submission.safeParse(json);
  if (!parsed.success) return { problem: { key: 'grade.notSubmission', params: { file: base } } };
  const submission = parsed.data;
  if (submission.bundleId !== manifest.id || submission.bundleVersion !== manifest.version) {
    return { problem: { key: 'grade.otherBundle', params: { file: base, bundle: submission.bundleId, version: submission.bundleVersion } } };
  }
  return { submission };
}

export interface GradeOptions {
  timeoutMs: number;
  /** Called after each submission is graded (for progress output). */
  onRow?: (row: GradeRow) => void;
  /**
   * Cancels the grading: the running statement is interrupted, the submission it belonged to and
   * every one after it are marked not graded, and the rows graded before stay.
   */
  signal?: AbortSignal;
}

export async function gradeSubmissions(
  engine: CourseEngine,
  manifest: BundleManifest,
  exercises: BundledExercise[],
  files: SubmissionFile[],
  options: GradeOptions,
): Promise<GradeRow[]> {
  const rows: GradeRow[] = [];
  const trainees = new Map<string, string>();
  for (const file of files) {
    const row: GradeRow = { source: file.name, trainee: null, problem: file.problem, cells: new Map(), total: 0 };
    rows.push(row);
    if (options.signal?.aborted) {
      // A file refused already says why; the others say they were not graded.
      if (row.problem === null) notGraded(row);
      options.onRow?.(row);
      continue;
    }
    if (file.bytes === null) {
      options.onRow?.(row);
      continue;
    }
    const parsed = parseSubmission(file, manifest);
    if ('problem' in parsed) {
      row.problem = parsed.problem;
      options.onRow?.(row);
      continue;
    }
    const { submission } = parsed;
    row.trainee = submission.trainee;
    const traineeKey = submission.trainee.normalize('NFC').trim().toLowerCase();
    const other = trainees.get(traineeKey);
    if (other !== undefined) {
      row.problem = { key: 'grade.duplicateTrainee', params: { file: path.basename(file.name), trainee: submission.trainee, other: path.basename(other) } };
      options.onRow?.(row);
      continue;
    }
    trainees.set(traineeKey, file.name);
    let cancelled = false;
    for (const exercise of exercises) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      // The last answer for an exercise counts, as the trainee's app would have kept it.
      const answer = submission.exercises.filter((e) => e.id === exercise.id).at(-1);
      if (!answer || answer.sql.trim() === '') {
        row.cells.set(exercise.id, { kind: 'not-submitted', points: 0 });
        continue;
      }
      const outcome = await engine.run(answer.sql, options.timeoutMs, options.signal);
      if (!outcome.ok && outcome.cancelled) {
        cancelled = true;
        break;
      }
      if (!outcome.ok) {
        row.cells.set(exercise.id, { kind: outcome.timedOut ? 'timed-out' : 'failed', points: 0, message: outcome.message });
        continue;
      }
      const feedback = checkResult(outcome.result, exercise.expected, exercise.check);
      const points = feedback.correct ? exercise.points : 0;
      row.cells.set(exercise.id, { kind: 'checked', points, feedback });
      row.total += points;
    }
    // Graded in full before the cancel came: it counts.
    if (cancelled) notGraded(row);
    options.onRow?.(row);
  }
  return rows;
}

/** A row that a cancel reached before it was graded in full: none of its cells count. */
function notGraded(row: GradeRow): void {
  row.cells.clear();
  row.total = 0;
  row.problem = { key: 'grade.cancelled', params: { file: path.basename(row.source) } };
}
