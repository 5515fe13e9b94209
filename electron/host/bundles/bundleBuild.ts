/**
 * `bundle build`: an authoring folder becomes a `.datalab` file. Every reference solution runs on
 * the native engine over the course's data, twice (a result that changes between runs cannot be
 * checked); an exercise whose solution fails, or fails its own check, stops the build; checks that
 * cannot be stable are warned about. The bundle keeps the check's hidden record, never the
 * solution or the expected rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkResult, expectedResultOf } from '../../../shared/bundles/checker';
import { CourseFile, type BundledExercise, type BundleManifest, type InstructorKeyFile } from '../../../shared/contract/bundle';
import { formatForFileName } from '../../../shared/contract/fileFormats';
import type { MessageKey } from '../../../shared/i18n/translate';
import { writeBundle, type BundleSource } from './bundleWriter';
import { CourseEngine } from './courseEngine';
import { parseExerciseFile, type AuthoredExercise } from './exerciseFile';
import { stabilityWarnings } from './stabilityWarnings';

export interface BuildMessage {
  /** The file concerned, relative to the authoring folder. */
  file: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface BuildOptions {
  folder: string;
  out: string;
  key: InstructorKeyFile | null;
  nativeProcessScript: string;
  /** Per solution run. */
  timeoutMs?: number;
  now?: Date;
}

export type BuildResult =
  | { ok: true; manifest: BundleManifest; warnings: BuildMessage[] }
  | { ok: false; errors: BuildMessage[]; warnings: BuildMessage[] };

async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
}

export async function buildBundle(options: BuildOptions): Promise<BuildResult> {
  const { folder } = options;
  const errors: BuildMessage[] = [];
  const warnings: BuildMessage[] = [];

  let course: CourseFile;
  try {
    const parsed = CourseFile.safeParse(parseYaml(await readFile(path.join(folder, 'course.yaml'), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, warnings, errors: [{ file: 'course.yaml', key: 'bundle.courseInvalid', params: { message: issue ? `${issue.path.join('.')}: ${issue.message}` : '' } }] };
    }
    course = parsed.data;
  } catch (error) {
    return { ok: false, warnings, errors: [{ file: 'course.yaml', key: 'bundle.courseUnreadable', params: { message: error instanceof Error ? error.message : String(error) } }] };
  }

  const dataNames = (await filesIn(path.join(folder, 'data'))).filter((name) => {
    if (formatForFileName(name)) return true;
    warnings.push({ file: `data/${name}`, key: 'bundle.dataSkipped' });
    return false;
  });
  const notebookNames = (await filesIn(path.join(folder, 'notebooks'))).filter((name) => name.toLowerCase().endsWith('.md'));
  const exerciseNames = (await filesIn(path.join(folder, 'exercises'))).filter((name) => name.toLowerCase().endsWith('.md'));

  const authored: { file: string; exercise: AuthoredExercise }[] = [];
  const ids = new Set<string>();
  for (const name of exerciseNames) {
    const file = `exercises/${name}`;
    const parsed = parseExerciseFile(await readFile(path.join(folder, 'exercises', name), 'utf8'));
    if (!parsed.ok) {
      errors.push({ file, key: parsed.problem, params: { detail: parsed.detail } });
      continue;
    }
    if (ids.has(parsed.exercise.front.id)) {
      errors.push({ file, key: 'bundle.exerciseDuplicateId', params: { id: parsed.exercise.front.id } });
      continue;
    }
    ids.add(parsed.exercise.front.id);
    authored.push({ file, exercise: parsed.exercise });
  }
  if (errors.length > 0) return { ok: false, errors, warnings };

  // 64 random bits: enough for no two bundles to share a salt, and short enough that a row of up to
  // 38 bytes of canonical text is one MD5 block with it, which halves the in-app check's hashing.
  const salt = randomBytes(8).toString('hex');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'datalab-build-'));
  const bundled: BundledExercise[] = [];
  try {
    const engine = await CourseEngine.open({
      nativeProcessScript: options.nativeProcessScript,
      workDir,
      dataFiles: dataNames.map((name) => path.join(folder, 'data', name)),
    });
    try {
      for (const { file, exercise } of authored) {
        const { front } = exercise;
        const first = await engine.run(exercise.solution, timeoutMs);
        if (!first.ok) {
          errors.push({ file, key: first.timedOut ? 'bundle.solutionTimedOut' : 'bundle.solutionFailed', params: { message: first.message } });
          continue;
        }
        const expected = expectedResultOf(first.result, front.check, salt);
        const second = await engine.run(exercise.solution, timeoutMs);
        const again = second.ok ? checkResult(second.result, expected, front.check) : null;
        if (!again?.correct) {
          errors.push({ file, key: 'bundle.solutionUnstable' });
          continue;
        }
        for (const warning of stabilityWarnings(await engine.parseTree(exercise.solution), first.result, front.check)) warnings.push({ file, ...warning });
        bundled.push({
          id: front.id,
          title: front.title,
          points: front.points,
          check: front.check,
          prompt: exercise.prompt,
          starter: exercise.starter,
          hints: exercise.hints,
          expected,
        });
      }
    } finally {
      engine.close();
    }
  } catch (error) {
    errors.push({ file: 'data', key: 'bundle.dataUnreadable', params: { message: error instanceof Error ? error.message : String(error) } });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  if (errors.length > 0) return { ok: false, errors, warnings };

  const sources: BundleSource[] = [
    ...dataNames.map((name) => ({ path: `data/${name}`, file: path.join(folder, 'data', name) })),
    ...notebookNames.map((name) => ({ path: `notebooks/${name}`, file: path.join(folder, 'notebooks', name) })),
    ...bundled.map((exercise) => ({ path: `exercises/${exercise.id}.json`, bytes: Buffer.from(`${JSON.stringify(exercise, null, 2)}\n`) })),
  ];
  const manifest = await writeBundle(
    options.out,
    {
      id: course.id,
      version: course.version,
      title: course.title,
      language: course.language,
      authors: course.authors,
      ...(course.description !== undefined ? { description: course.description } : {}),
      createdAt: (options.now ?? new Date()).toISOString(),
      exercises: bundled.map((exercise) => exercise.id),
    },
    sources,
    options.key,
  );
  return { ok: true, manifest, warnings };
}
