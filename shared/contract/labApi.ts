/**
 * The Lab routes' contract (/api/lab/…): open a `.datalab` bundle into the app's library, read a
 * course back (manifest, exercises, the trainee's progress), save progress, write a submission,
 * manage the trusted instructor keys and re-grade a folder of submissions. Bodies are parsed with
 * these schemas on the host; the page's client is typed from them.
 */
import { z } from 'zod';
import { BundledExercise, BundleManifest, BundleProgress } from './bundle';
import { Dataset, HostMessageParams } from './hostApi';
import { locales } from '../i18n/translate';

const filePath = z.string().min(1).max(4096);

export const bundleExtension = '.datalab';

export function isBundleFileName(name: string): boolean {
  return name.toLowerCase().endsWith(bundleExtension);
}

/** How far the bundle's origin is known: signed by a trusted key, by an unknown one, or not at all. */
export const TrustState = z.enum(['verified', 'unsigned', 'unknown-signer']);
export type TrustState = z.infer<typeof TrustState>;

export const OpenBundleBody = z.object({
  path: filePath,
  /** The user confirmed opening a bundle from an unverified source. */
  allowUnverified: z.boolean().default(false),
});

/** `<id>@<version>`: a course in the library. */
export const CourseKeyParam = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}@[A-Za-z0-9.-]{1,64}$/) });

/** One of a course's notebooks: its real path in the library (the notebook routes open it), and its file name. */
export const CourseNotebook = z.object({ path: z.string(), fileName: z.string() });
export type CourseNotebook = z.infer<typeof CourseNotebook>;

/** A course as the Lab view needs it. */
export const LabCourse = z.object({
  key: z.string(),
  manifest: BundleManifest,
  trust: TrustState,
  signer: z.string().nullable(),
  exercises: z.array(BundledExercise),
  /** The course's data files, served like any opened file; each becomes a table named after its file. */
  datasets: z.array(Dataset),
  /** The course's notebooks: they open beside the exercises when the bundle is opened. */
  notebooks: z.array(CourseNotebook),
  progress: BundleProgress,
});
export type LabCourse = z.infer<typeof LabCourse>;

/** The courses in the library, newest import first. */
export const LabCourseSummary = z.object({ key: z.string(), title: z.string(), trust: TrustState, signer: z.string().nullable(), importedAt: z.string() });
export type LabCourseSummary = z.infer<typeof LabCourseSummary>;

export const SaveSubmissionBody = z.object({
  trainee: z.string().trim().min(1).max(200),
  /** Absolute; a `.datalab-submission` file in a folder the file browser shows. */
  path: filePath,
});

export const TrustKeyBody = z.object({ path: filePath });
export const FingerprintParam = z.object({ fingerprint: z.string().regex(/^[0-9a-fA-F-]{16,19}$/) });

export const TrustedKeyView = z.object({ name: z.string(), fingerprint: z.string(), addedAt: z.string() });
export type TrustedKeyView = z.infer<typeof TrustedKeyView>;

/** How long each submitted statement may run when grading, unless told otherwise (the app states it). */
export const gradeTimeoutSecondsDefault = 30;

export const GradeBody = z.object({
  /** The instructor's bundle. */
  bundle: filePath,
  /** Submission files, folders of them or zips. */
  inputs: z.array(filePath).min(1).max(1_000),
  timeoutSeconds: z.number().positive().max(3_600).default(gradeTimeoutSecondsDefault),
  /** Chosen by the page, to ask how far this grading has got and to cancel it while it runs. */
  jobId: z.string().uuid().optional(),
});

/** How far a running grading has got: `total` is null until the submission files are found. */
export const GradingProgress = z.object({ graded: z.number(), total: z.number().nullable() });
export type GradingProgress = z.infer<typeof GradingProgress>;
export const GradingJobParam = z.object({ jobId: z.string().uuid() });

export const GradeCell = z.object({
  kind: z.enum(['checked', 'timed-out', 'failed', 'not-submitted']),
  points: z.number(),
  /** How many rows matched, for a checked cell; DuckDB's message for a failed one. */
  detail: z.string().nullable(),
});
export type GradeCell = z.infer<typeof GradeCell>;

const GradeMessage = z.object({ key: z.string(), params: HostMessageParams });
/** Why a row was not graded; an archive refused as a whole also carries the refusal (shared/bundles/gradeText.ts). */
export const GradeProblem = GradeMessage.extend({ cause: GradeMessage.optional() });

export const Gradebook = z.object({
  /** `trust` and `signer` as opening it would judge them: the view warns when the signer is not trusted. */
  bundle: z.object({ id: z.string(), version: z.string(), title: z.string(), trust: TrustState, signer: z.string().nullable() }),
  exercises: z.array(z.object({ id: z.string(), title: z.string(), points: z.number() })),
  rows: z.array(
    z.object({
      source: z.string(),
      trainee: z.string().nullable(),
      problem: GradeProblem.nullable(),
      cells: z.record(z.string(), GradeCell),
      total: z.number(),
    }),
  ),
  /** An id for writing this gradebook as CSV (kept on the host until the next grading). */
  gradebookId: z.string(),
});
export type Gradebook = z.infer<typeof Gradebook>;

export const SaveGradesBody = z.object({ gradebookId: z.string().max(100), path: filePath, locale: z.enum(locales).default('en') });

