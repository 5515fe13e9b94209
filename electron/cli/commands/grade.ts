/**
 * `grade <bundle> <submission files, folders or zips…> [--csv grades.csv] [--timeout seconds]`:
 * every submitted SQL is run again against the bundle's own data on the native engine and checked;
 * the trainees' own statuses are never trusted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomically } from '../../host/files/atomicWrite';
import { importBundle } from '../../host/bundles/bundleReader';
import { CourseEngine } from '../../host/bundles/courseEngine';
import { collectSubmissions, gradeSubmissions, gradesCsv, type CellOutcome, type GradeRow } from '../../host/bundles/grading';
import type { Command } from '../main';
import { nativeProcessScriptBesideCli, reportingFailures, resolveFrom, t } from './bundleCliSupport';

const usage = 'grade <bundle.datalab> <submissions, folders or zips…> [--csv <grades.csv>] [--timeout <seconds>]';

function cellText(cell: CellOutcome): string {
  switch (cell.kind) {
    case 'checked':
      return String(cell.points);
    case 'timed-out':
      return t('grade.timedOut');
    case 'failed':
      return t('grade.failed');
    case 'not-submitted':
      return t('grade.notSubmitted');
  }
}

function problemText(problem: NonNullable<GradeRow['problem']>): string {
  return t(problem.key, problem.params);
}

const grade: Command = (context) =>
  reportingFailures(context, async () => {
    const { positionals, values } = parseArgs({
      args: context.args,
      allowPositionals: true,
      options: { csv: { type: 'string' }, timeout: { type: 'string', default: '30' } },
    });
    const [bundleFile, ...inputs] = positionals;
    const timeoutMs = Number(values.timeout) * 1000;
    if (!bundleFile || inputs.length === 0 || !(timeoutMs > 0)) {
      context.stderr(t('cli.commandUsage', { usage }));
      return 2;
    }
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-grade-'));
    try {
      // The instructor's own bundle: its integrity is checked in full; who signed it does not matter here.
      const bundle = await importBundle(resolveFrom(context, bundleFile), { library: path.join(scratch, 'library'), trustStore: null, allowUnverified: true });
      const dataFiles = bundle.manifest.files.filter((f) => f.path.startsWith('data/')).map((f) => path.join(bundle.folder, ...f.path.split('/')));
      const files = await collectSubmissions(inputs.map((input) => resolveFrom(context, input)));
      const engine = await CourseEngine.open({ nativeProcessScript: nativeProcessScriptBesideCli(), workDir: path.join(scratch, 'engine'), dataFiles });
      let rows: GradeRow[];
      try {
        context.stdout(['trainee', ...bundle.exercises.map((e) => e.id), 'total'].join('\t'));
        rows = await gradeSubmissions(engine, bundle.manifest, bundle.exercises, files, {
          timeoutMs,
          onRow: (row) =>
            context.stdout(
              row.problem
                ? `${row.trainee ?? path.basename(row.source)}\t${problemText(row.problem)}`
                : [row.trainee ?? '', ...bundle.exercises.map((e) => cellText(row.cells.get(e.id)!)), String(row.total)].join('\t'),
            ),
        });
      } finally {
        engine.close();
      }
      if (values.csv) {
        const target = resolveFrom(context, values.csv);
        await writeFileAtomically(target, gradesCsv(rows, bundle.exercises, problemText, cellText));
        context.stdout(t('cli.gradesWritten', { file: target }));
      }
      return 0;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

export default grade;
