/**
 * Lab bundles, written once: the instructor's authoring folder (course.yaml, exercise front
 * matter), the `.datalab` file (its manifest, signature, exercises with their hidden expected
 * results) and the trainee's submission. Published as JSON Schema in docs/schemas/ (a unit test
 * keeps them current).
 */
import { z } from 'zod';

/**
 * The bundle layout this code writes; a bundle or submission of a newer format is refused by name.
 * Format 2 digests expected rows with MD5 (`digest: "md5"`); format-1 bundles (SHA-256) are still read and checked.
 */
export const bundleFormatVersion = 2;
export const submissionFormatVersion = 1;

/** Names of the fixed entries at a bundle's root. */
export const manifestEntry = 'datalab.json';
export const signatureEntry = 'datalab.sig';

/** Lower-case letters, digits, dots, dashes and underscores: safe as a file and folder name everywhere. */
export const BundleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
  .refine((id) => !id.includes('..'), 'no ".." in an id')
  .describe('Lower-case letters, digits, ".", "-", "_"; starts with a letter or digit; at most 64 characters.');

export const ExerciseId = BundleId;

/** Semantic-version-like: 1, 1.2, 1.2.3, with an optional -label. */
export const BundleVersion = z.string().regex(/^\d{1,6}(\.\d{1,6}){0,2}(-[A-Za-z0-9.]{1,32})?$/);

/** A BCP 47 tag such as fr, en, ar, fr-CA. */
export const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

export const Author = z.string().min(1).max(200);

/** course.yaml, at the root of the authoring folder. */
export const CourseFile = z.strictObject({
  id: BundleId,
  title: z.string().min(1).max(200),
  version: BundleVersion,
  language: LanguageTag,
  authors: z.array(Author).min(1).max(50),
  description: z.string().max(20_000).optional(),
});
export type CourseFile = z.infer<typeof CourseFile>;

/** How a trainee's result is compared with the expected one. */
export const CheckPolicy = z.strictObject({
  /** Rows must come in the expected order (the exercise asks for an ORDER BY). */
  orderMatters: z.boolean().default(false),
  /** `names`: columns are matched by name (case-insensitive), in any order; `positions`: by place, names ignored. */
  columns: z.enum(['names', 'positions']).default('names'),
  /** Columns beyond the expected ones are ignored instead of reported. */
  extraColumnsAllowed: z.boolean().default(false),
  /** Numbers are rounded to a multiple of this before comparing (0.01: to the cent). Absent: exact. */
  numericTolerance: z.number().positive().max(1e12).optional(),
  /** Text is trimmed and compared case-insensitively. */
  textLoose: z.boolean().default(false),
});
export type CheckPolicy = z.infer<typeof CheckPolicy>;

/** The front matter of an exercise file (exercises/*.md). */
export const ExerciseFrontMatter = z.strictObject({
  id: ExerciseId,
  title: z.string().min(1).max(200),
  points: z.number().int().min(0).max(1000).default(1),
  check: CheckPolicy.default({ orderMatters: false, columns: 'names', extraColumnsAllowed: false, textLoose: false }),
});
export type ExerciseFrontMatter = z.infer<typeof ExerciseFrontMatter>;

/** A result column: its name and DuckDB type name (as DuckDB spells it: BIGINT, DECIMAL(18,3), VARCHAR…). */
export const ResultColumn = z.strictObject({ name: z.string().max(1_000), type: z.string().min(1).max(1_000) });
export type ResultColumn = z.infer<typeof ResultColumn>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * How expected rows are digested. `md5` from format 2: DuckDB computes it several times faster than
 * SHA-256 in the in-app engine, and as a number (`md5_number`) that sums without parsing text, so a
 * million-row answer is checked in under a second. `sha256` in format-1 bundles.
 */
export const RowDigestAlgorithm = z.enum(['md5', 'sha256']);
export type RowDigestAlgorithm = z.infer<typeof RowDigestAlgorithm>;

/** The length in hex digits of each algorithm's digest. */
export const rowDigestHexLength: Record<RowDigestAlgorithm, number> = { md5: 32, sha256: 64 };

/**
 * What the check needs to know of the expected result, and no more: columns, the row count and one
 * salted digest per row of its canonical text (see shared/bundles/canonicalRow.ts). The rows
 * themselves are not in the bundle.
 */
export const ExpectedResult = z
  .strictObject({
    columns: z.array(ResultColumn).min(1).max(1_000),
    rowCount: z.number().int().min(0),
    /** Absent in format-1 bundles, which are SHA-256. */
    digest: RowDigestAlgorithm.default('sha256').describe('How rowDigests are made: md5 (32 hex digits each, format 2) or sha256 (64, format 1; the default when absent).'),
    /** Random per bundle; mixed into every digest so that digests cannot be looked up or shared between bundles. */
    salt: z.string().regex(/^[0-9a-f]{16,128}$/),
    /** Lower-case hex, of the length `digest` gives. In the expected order when order matters; otherwise sorted, so that they reveal nothing of it. */
    rowDigests: z.array(z.string().regex(/^[0-9a-f]{32}([0-9a-f]{32})?$/)),
  })
  .superRefine((expected, context) => {
    const length = rowDigestHexLength[expected.digest];
    const wrong = expected.rowDigests.findIndex((digest) => digest.length !== length);
    if (wrong >= 0) context.addIssue({ code: 'custom', path: ['rowDigests', wrong], message: `not a ${expected.digest} digest (${length} hex digits)` });
  });
export type ExpectedResult = z.infer<typeof ExpectedResult>;

/** One exercise as a bundle carries it (exercises/<id>.json): no solution. */
export const BundledExercise = z.strictObject({
  id: ExerciseId,
  title: z.string().min(1).max(200),
  points: z.number().int().min(0).max(1000),
  check: CheckPolicy,
  /** Markdown, shown as inert text (no HTML, no script). */
  prompt: z.string().max(100_000),
  starter: z.string().max(100_000),
  /** Revealed one at a time. */
  hints: z.array(z.string().max(20_000)).max(50),
  expected: ExpectedResult,
});
export type BundledExercise = z.infer<typeof BundledExercise>;

/** A path inside a bundle: forward slashes, no empty, `.` or `..` segment (the safe-import rules check much more). */
export const BundlePath = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+(\/[^/\\]+)*$/)
  .refine((p) => p.split('/').every((segment) => segment !== '.' && segment !== '..'), 'no "." or ".." segment');

export const ManifestFile = z.strictObject({
  path: BundlePath,
  size: z.number().int().min(0),
  sha256: Sha256Hex,
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/** datalab.json: what the bundle is, and every other entry by size and hash. */
export const BundleManifest = z.strictObject({
  format: z.literal('datalab-bundle'),
  formatVersion: z.number().int().min(1),
  id: BundleId,
  version: BundleVersion,
  title: z.string().min(1).max(200),
  language: LanguageTag,
  authors: z.array(Author).min(1).max(50),
  description: z.string().max(20_000).optional(),
  createdAt: z.iso.datetime(),
  /** The exercises, in the course's order (each also a file, exercises/<id>.json). */
  exercises: z.array(ExerciseId).max(1_000),
  files: z.array(ManifestFile).max(10_000),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** datalab.sig: an Ed25519 signature of the exact bytes of datalab.json, and the key that made it. */
export const BundleSignature = z.strictObject({
  algorithm: z.literal('ed25519'),
  /** The raw 32-byte public key, base64. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** The 64-byte signature, base64. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type BundleSignature = z.infer<typeof BundleSignature>;

export const ExerciseStatus = z.enum(['not-started', 'attempted', 'solved']);
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;

/** `<trainee>-<bundle id>.datalab-submission`: what a trainee hands back. Its statuses are never trusted. */
export const Submission = z.strictObject({
  format: z.literal('datalab-submission'),
  formatVersion: z.number().int().min(1),
  bundleId: BundleId,
  bundleVersion: BundleVersion,
  trainee: z.string().trim().min(1).max(200),
  submittedAt: z.iso.datetime(),
  exercises: z
    .array(
      z.strictObject({
        id: ExerciseId,
        /** A solved exercise's SQL that passed its check; otherwise the SQL last checked. */
        sql: z.string().max(1_000_000),
        status: ExerciseStatus,
        attempts: z.number().int().min(0),
      }),
    )
    .max(1_000),
});
export type Submission = z.infer<typeof Submission>;

/**
 * A trainee's progress in one bundle, kept by the app in its data folder and saved atomically after
 * every check. Keyed by exercise id: a newer version of the bundle keeps the progress of the
 * exercises whose id did not change (shared/bundles/progress.ts).
 */
export const ExerciseProgress = z.strictObject({
  status: ExerciseStatus,
  attempts: z.number().int().min(0),
  /** The SQL as last checked (what a submission hands back while the exercise is not solved). */
  lastSql: z.string().max(1_000_000),
  /**
   * The SQL of the latest check that passed: what a submission hands back once the exercise is
   * solved, so that a later check that fails does not replace the answer the app called solved.
   * Absent in progress saved before it was kept; `lastSql` is handed back then.
   */
  solvedSql: z.string().max(1_000_000).optional(),
  /** How many hints have been revealed. */
  hintsShown: z.number().int().min(0).default(0),
  firstAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  solvedAt: z.iso.datetime().nullable(),
});
export type ExerciseProgress = z.infer<typeof ExerciseProgress>;

export const BundleProgress = z.strictObject({
  format: z.literal('datalab-progress'),
  formatVersion: z.number().int().min(1),
  bundleId: BundleId,
  /** The version the progress was last saved against. */
  bundleVersion: BundleVersion,
  trainee: z.string().max(200),
  exercises: z.record(ExerciseId, ExerciseProgress),
});
export type BundleProgress = z.infer<typeof BundleProgress>;

/** Every schema published in docs/schemas/, by file name. */
export const publishedSchemas = {
  'course.schema.json': CourseFile,
  'exercise-front-matter.schema.json': ExerciseFrontMatter,
  'check-policy.schema.json': CheckPolicy,
  'expected-result.schema.json': ExpectedResult,
  'bundled-exercise.schema.json': BundledExercise,
  'datalab-manifest.schema.json': BundleManifest,
  'datalab-signature.schema.json': BundleSignature,
  'submission.schema.json': Submission,
  'progress.schema.json': BundleProgress,
} as const;

/** An instructor's key file (`keys new --out instructor.key`): the pair, private; keep it secret. */
export const InstructorKeyFile = z.strictObject({
  format: z.literal('datalab-instructor-key'),
  algorithm: z.literal('ed25519'),
  publicKey: BundleSignature.shape.publicKey,
  /** PKCS#8, PEM. */
  privateKey: z.string().min(1).max(10_000),
});
export type InstructorKeyFile = z.infer<typeof InstructorKeyFile>;

/** An instructor's public key file (instructor.pub), handed to trainees to trust. */
export const PublicKeyFile = z.strictObject({
  format: z.literal('datalab-public-key'),
  algorithm: z.literal('ed25519'),
  publicKey: BundleSignature.shape.publicKey,
  name: z.string().max(200).optional(),
});
export type PublicKeyFile = z.infer<typeof PublicKeyFile>;

/** The app's list of trusted instructor keys (trusted-keys.json in the data folder). */
export const TrustedKeys = z.strictObject({
  keys: z.array(z.strictObject({ publicKey: BundleSignature.shape.publicKey, name: z.string().max(200), addedAt: z.iso.datetime() })).max(1_000),
});
export type TrustedKeys = z.infer<typeof TrustedKeys>;
