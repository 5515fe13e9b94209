import { describe, expect, it } from 'vitest';
import { carryOver, emptyProgress, handedInSql, progressFormatVersion, progressOf, readProgress, recordCheck, recordHint, submissionFileName, submissionOf } from '../../../shared/bundles/progress';
import { BundleProgress, Submission } from '../../../shared/contract/bundle';

const v1 = { id: 'course', version: '1.0.0', exercises: ['a', 'b', 'c'] };
const t0 = new Date('2026-12-01T10:00:00Z');
const t1 = new Date('2026-12-01T10:05:00Z');

describe('progress', () => {
  it('counts attempts, keeps the last SQL, and stays solved once solved', () => {
    let progress = emptyProgress(v1, 'Amina');
    expect(progressOf(progress, 'a').status).toBe('not-started');
    progress = recordCheck(progress, 'a', 'SELECT 1', false, t0);
    expect(progressOf(progress, 'a')).toMatchObject({ status: 'attempted', attempts: 1, lastSql: 'SELECT 1', firstAttemptAt: t0.toISOString(), solvedAt: null });
    progress = recordCheck(progress, 'a', 'SELECT 2', true, t1);
    progress = recordCheck(progress, 'a', 'SELECT 3', false, t1);
    expect(progressOf(progress, 'a')).toMatchObject({ status: 'solved', attempts: 3, lastSql: 'SELECT 3', solvedAt: t1.toISOString() });
    progress = recordHint(recordHint(recordHint(progress, { id: 'b', hints: ['h1', 'h2'] }), { id: 'b', hints: ['h1', 'h2'] }), { id: 'b', hints: ['h1', 'h2'] });
    expect(progressOf(progress, 'b').hintsShown).toBe(2);
    expect(BundleProgress.parse(progress)).toEqual(progress);
  });

  it('a newer version keeps the progress of exercises whose id did not change', () => {
    const saved = recordCheck(recordCheck(emptyProgress(v1, 'Amina'), 'a', 'SELECT 1', true, t0), 'c', 'SELECT 3', false, t0);
    const v2 = { id: 'course', version: '1.1.0', exercises: ['a', 'd'] };
    const carried = carryOver(saved, v2);
    expect(carried.bundleVersion).toBe('1.1.0');
    expect(Object.keys(carried.exercises)).toEqual(['a']);
    expect(carryOver(saved, { ...v2, id: 'other' }).exercises).toEqual({});
  });

  it('exports a submission the grader reads, named after the trainee and the bundle', () => {
    const progress = recordCheck(emptyProgress(v1, 'Zoé Martin'), 'b', 'SELECT 2', true, t0);
    const submission = Submission.parse(submissionOf(progress, v1, t1));
    expect(submission.exercises).toEqual([
      { id: 'a', sql: '', status: 'not-started', attempts: 0 },
      { id: 'b', sql: 'SELECT 2', status: 'solved', attempts: 1 },
      { id: 'c', sql: '', status: 'not-started', attempts: 0 },
    ]);
    expect(submissionFileName('Zoé Martin', 'course')).toBe('Zoé-Martin-course.datalab-submission');
    expect(submissionFileName('../../etc/passwd', 'course')).toBe('etc-passwd-course.datalab-submission');
    expect(submissionFileName('', 'course')).toBe('trainee-course.datalab-submission');
  });

  it('a solved exercise hands in the SQL that passed, not a later check that failed', () => {
    let progress = recordCheck(emptyProgress(v1, 'Amina'), 'a', 'SELECT 1', false, t0);
    progress = recordCheck(progress, 'a', 'SELECT 2', true, t0);
    progress = recordCheck(progress, 'a', 'SELEC 2', false, t1);
    // Never solved: its last checked SQL, as before.
    progress = recordCheck(progress, 'b', 'SELECT 5', false, t1);
    // Solved again by another query: that one is handed in.
    progress = recordCheck(recordCheck(progress, 'c', 'SELECT 3', true, t0), 'c', 'SELECT 3 AS x', true, t1);
    expect(progressOf(progress, 'a')).toMatchObject({ status: 'solved', attempts: 3, lastSql: 'SELEC 2' });
    expect(handedInSql(progressOf(progress, 'a'))).toBe('SELECT 2');
    expect(BundleProgress.parse(progress)).toEqual(progress);
    expect(Submission.parse(submissionOf(progress, v1, t1)).exercises).toEqual([
      { id: 'a', sql: 'SELECT 2', status: 'solved', attempts: 3 },
      { id: 'b', sql: 'SELECT 5', status: 'attempted', attempts: 1 },
      { id: 'c', sql: 'SELECT 3 AS x', status: 'solved', attempts: 2 },
    ]);
  });

  it('reads progress saved before the passing SQL was kept, and hands in its last SQL', () => {
    const saved = {
      format: 'datalab-progress',
      formatVersion: 1,
      bundleId: 'course',
      bundleVersion: '1.0.0',
      trainee: 'Amina',
      exercises: {
        a: { status: 'solved', attempts: 2, lastSql: 'SELECT 2', hintsShown: 0, firstAttemptAt: t0.toISOString(), lastAttemptAt: t1.toISOString(), solvedAt: t1.toISOString() },
      },
    };
    const progress = BundleProgress.parse(saved);
    expect(submissionOf(progress, v1, t1).exercises[0]).toEqual({ id: 'a', sql: 'SELECT 2', status: 'solved', attempts: 2 });
    // A later failed check keeps the SQL it had as the one handed in.
    expect(submissionOf(recordCheck(progress, 'a', 'SELEC 2', false, t1), v1, t1).exercises[0]).toEqual({ id: 'a', sql: 'SELECT 2', status: 'solved', attempts: 3 });
  });

  it('reads progress files of its format with and without solvedSql, and says a newer format is newer, not damaged', () => {
    const solved = { status: 'solved', attempts: 2, lastSql: 'SELEC 2', hintsShown: 0, firstAttemptAt: t0.toISOString(), lastAttemptAt: t1.toISOString(), solvedAt: t0.toISOString() };
    const file = { format: 'datalab-progress', formatVersion: 1, bundleId: 'course', bundleVersion: '1.0.0', trainee: 'Amina', exercises: { a: solved } };
    // Written before solvedSql was kept, and after (by the versions since, and by this one).
    expect(readProgress(file)).toEqual({ progress: file });
    const withSolvedSql = { ...file, exercises: { a: { ...solved, solvedSql: 'SELECT 2' } } };
    expect(readProgress(withSolvedSql)).toEqual({ progress: withSolvedSql });
    const written = recordCheck(emptyProgress(v1, 'Amina'), 'a', 'SELECT 1', true, t0);
    expect(written.formatVersion).toBe(progressFormatVersion);
    expect(readProgress(JSON.parse(JSON.stringify(written)))).toEqual({ progress: written });

    // A later format, with a field this version does not know: made by a newer Data Lab.
    expect(readProgress({ ...withSolvedSql, formatVersion: progressFormatVersion + 1, exercises: { a: { ...solved, streak: 3 } } })).toEqual({
      problem: 'newerFormat',
      version: progressFormatVersion + 1,
    });
    // An unknown field in this format, or no progress at all, is damage.
    expect(readProgress({ ...file, exercises: { a: { ...solved, streak: 3 } } })).toEqual({ problem: 'damaged' });
    expect(readProgress(null)).toEqual({ problem: 'damaged' });
    expect(readProgress({ ...file, formatVersion: '2' })).toEqual({ problem: 'damaged' });
  });
});
