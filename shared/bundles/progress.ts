/**
 * The trainee's progress model, pure so that the Lab view (in the page) and the main side (saving,
 * exporting a submission) share it: recording a check, carrying progress over to a newer version
 * of the bundle, and the submission a trainee hands back.
 */
import {
  BundleProgress,
  submissionFormatVersion,
  type BundledExercise,
  type BundleManifest,
  type ExerciseProgress,
  type Submission,
} from '../contract/bundle';

/**
 * The progress file's format. A file of a higher version is refused as made by a newer Data Lab
 * (`readProgress`), never read as damaged: its schema is strict, so a field added later must come
 * with a higher version. `solvedSql` came without one, and no bump could have helped: the apps
 * before it never looked at the version, and read a file with the field as damaged whatever its
 * number. They are the last to do so; this version reads files with and without it.
 */
export const progressFormatVersion = 1;

/** A progress file's JSON, read: the progress, or why it cannot be (a newer format, or damaged). */
export type ReadProgress = { progress: BundleProgress } | { problem: 'newerFormat'; version: number } | { problem: 'damaged' };

export function readProgress(json: unknown): ReadProgress {
  // Before the schema: a newer format's fields are unknown to it, and would read as damage.
  const version = typeof json === 'object' && json !== null ? (json as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === 'number' && version > progressFormatVersion) return { problem: 'newerFormat', version };
  const parsed = BundleProgress.safeParse(json);
  return parsed.success ? { progress: parsed.data } : { problem: 'damaged' };
}

export function emptyProgress(manifest: Pick<BundleManifest, 'id' | 'version'>, trainee: string): BundleProgress {
  return { format: 'datalab-progress', formatVersion: progressFormatVersion, bundleId: manifest.id, bundleVersion: manifest.version, trainee, exercises: {} };
}

const notStarted: ExerciseProgress = { status: 'not-started', attempts: 0, lastSql: '', hintsShown: 0, firstAttemptAt: null, lastAttemptAt: null, solvedAt: null };

export function progressOf(progress: BundleProgress, exerciseId: string): ExerciseProgress {
  return progress.exercises[exerciseId] ?? notStarted;
}

/**
 * The SQL a submission hands back for an exercise: once solved, the SQL that passed (an exercise
 * stays solved, so what is handed in must be what solved it); otherwise the SQL last checked.
 * Progress saved before the passing SQL was kept has only its last SQL.
 */
export function handedInSql(exercise: ExerciseProgress): string {
  return exercise.status === 'solved' ? (exercise.solvedSql ?? exercise.lastSql) : exercise.lastSql;
}

/**
 * After a check: one more attempt, the SQL kept; once solved, an exercise stays solved, and keeps
 * the SQL that passed (the latest such) as the one it hands in.
 */
export function recordCheck(progress: BundleProgress, exerciseId: string, sql: string, correct: boolean, at: Date): BundleProgress {
  const before = progressOf(progress, exerciseId);
  const time = at.toISOString();
  const solved = correct || before.status === 'solved';
  const after: ExerciseProgress = {
    ...before,
    status: solved ? 'solved' : 'attempted',
    attempts: before.attempts + 1,
    lastSql: sql,
    // Also for old progress that has no solvedSql: what it handed in before this check stays so.
    ...(solved ? { solvedSql: correct ? sql : handedInSql(before) } : {}),
    firstAttemptAt: before.firstAttemptAt ?? time,
    lastAttemptAt: time,
    solvedAt: before.solvedAt ?? (correct ? time : null),
  };
  return { ...progress, exercises: { ...progress.exercises, [exerciseId]: after } };
}

export function recordHint(progress: BundleProgress, exercise: Pick<BundledExercise, 'id' | 'hints'>): BundleProgress {
  const before = progressOf(progress, exercise.id);
  const after = { ...before, hintsShown: Math.min(exercise.hints.length, before.hintsShown + 1) };
  return { ...progress, exercises: { ...progress.exercises, [exercise.id]: after } };
}

/**
 * Progress saved against another version of the same bundle, carried over: exercises whose id is
 * still there keep theirs; the others' is dropped. A different bundle starts afresh.
 */
export function carryOver(saved: BundleProgress, manifest: Pick<BundleManifest, 'id' | 'version' | 'exercises'>): BundleProgress {
  if (saved.bundleId !== manifest.id) return emptyProgress(manifest, saved.trainee);
  const kept = Object.fromEntries(manifest.exercises.filter((id) => id in saved.exercises).map((id) => [id, saved.exercises[id]!]));
  return { ...saved, bundleVersion: manifest.version, exercises: kept };
}

/** The file a trainee hands back: each exercise's SQL (see handedInSql), status and attempts. */
export function submissionOf(progress: BundleProgress, manifest: Pick<BundleManifest, 'id' | 'version' | 'exercises'>, at: Date): Submission {
  return {
    format: 'datalab-submission',
    formatVersion: submissionFormatVersion,
    bundleId: manifest.id,
    bundleVersion: manifest.version,
    trainee: progress.trainee,
    submittedAt: at.toISOString(),
    exercises: manifest.exercises.map((id) => {
      const exercise = progressOf(progress, id);
      return { id, sql: handedInSql(exercise), status: exercise.status, attempts: exercise.attempts };
    }),
  };
}

/** `<trainee>-<bundle id>.datalab-submission`, the trainee's name made safe as a file name. */
export function submissionFileName(trainee: string, bundleId: string): string {
  const safe = trainee
    .normalize('NFC')
    // Dots too: no "..", no hidden file, no second extension.
    .replace(/[\p{C}\\/:*?"<>|.]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${safe || 'trainee'}-${bundleId}.datalab-submission`;
}
