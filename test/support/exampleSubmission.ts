import type { Submission } from '../../shared/contract/bundle';

/**
 * A trainee's submission file for the example course (examples/course-sql-fr), answering `answers`
 * (exercise id: SQL), as the trainee's app writes it. The app marks every answer "solved": grading
 * must not believe it.
 */
export function exampleSubmission(trainee: string, answers: Record<string, string>, overrides: Partial<Submission> = {}): string {
  const body: Submission = {
    format: 'datalab-submission',
    formatVersion: 1,
    bundleId: 'sql-fr-debutants',
    bundleVersion: '1.0.0',
    trainee,
    submittedAt: '2026-12-01T10:00:00.000Z',
    exercises: Object.entries(answers).map(([id, sql]) => ({ id, sql, status: 'solved', attempts: 1 })),
    ...overrides,
  };
  return JSON.stringify(body);
}
