/**
 * One grading session, as `grade` and the app's gradebook run it: the instructor's bundle is
 * imported into a scratch library (every integrity check applies; who signed it does not matter to
 * its own instructor), its data made tables on a fresh native engine, every submission re-run and
 * checked, and the scratch folder removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BundledExercise, BundleManifest } from '../../../shared/contract/bundle';
import type { NativeSpawner } from '../native/nativeWorker';
import { importBundle, type TrustState } from './bundleReader';
import type { TrustStore } from './trustStore';
import { CourseEngine } from './courseEngine';
import { collectSubmissions, gradeSubmissions, type GradeRow } from './grading';

export interface GradeBundleOptions {
  /** A folder for the scratch library and engine (a fresh subfolder is made and removed inside). */
  scratchParent: string;
  nativeProcessScript: string;
  spawn?: NativeSpawner;
  timeoutMs: number;
  /**
   * The trusted keys, to say who signed the bundle (`trust`): grading goes on whoever it is, the
   * app warns when the signer is not trusted. Without it, a signed bundle reads as an unknown signer.
   */
  trustStore?: TrustStore;
  /** Called once the bundle is open, before any submission is graded. */
  onBundle?: (manifest: BundleManifest, exercises: BundledExercise[]) => void;
  onRow?: (row: GradeRow) => void;
  /** Called once the submission files are found, with how many there are (the rows to come). */
  onSubmissions?: (count: number) => void;
  /** Cancels the grading (see GradeOptions.signal). */
  signal?: AbortSignal;
}

export interface GradedBundle {
  manifest: BundleManifest;
  trust: TrustState;
  /** The signer's fingerprint, when signed. */
  signer: string | null;
  exercises: BundledExercise[];
  rows: GradeRow[];
}

export async function gradeBundle(bundleFile: string, inputs: string[], options: GradeBundleOptions): Promise<GradedBundle> {
  const scratch = await mkdtemp(path.join(options.scratchParent, 'datalab-grade-'));
  try {
    const bundle = await importBundle(bundleFile, { library: path.join(scratch, 'library'), trustStore: options.trustStore ?? null, allowUnverified: true });
    const dataFiles = bundle.manifest.files.filter((f) => f.path.startsWith('data/')).map((f) => path.join(bundle.folder, ...f.path.split('/')));
    const files = await collectSubmissions(inputs);
    options.onSubmissions?.(files.length);
    const engine = await CourseEngine.open({
      nativeProcessScript: options.nativeProcessScript,
      workDir: path.join(scratch, 'engine'),
      dataFiles,
      ...(options.spawn ? { spawn: options.spawn } : {}),
    });
    try {
      options.onBundle?.(bundle.manifest, bundle.exercises);
      const rows = await gradeSubmissions(engine, bundle.manifest, bundle.exercises, files, {
        timeoutMs: options.timeoutMs,
        ...(options.onRow ? { onRow: options.onRow } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { manifest: bundle.manifest, trust: bundle.trust, signer: bundle.signer, exercises: bundle.exercises, rows };
    } finally {
      engine.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
