/**
 * `grade <bundle> <submission files, folders or zips…> [--csv grades.csv] [--timeout seconds]`:
 * every submitted SQL is run again against the bundle's own data on the native engine and checked;
 * the trainees' own statuses are never trusted.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomically } from '../../host/files/atomicWrite';
import { gradeBundle } from '../../host/bundles/gradeBundle';
import type { GradeRow } from '../../host/bundles/grading';
import { gradeProblemText } from '../../../shared/bundles/gradeText';
import { gradeCellText, gradesCsv } from '../../../shared/bundles/gradesCsv';
import { gradeTimeoutSecondsDefault } from '../../../shared/contract/labApi';
import type { Translate } from '../../../shared/i18n/translate';
import type { Command } from '../main';
import { nativeProcessScriptBesideCli, reportingFailures, resolveFrom } from './bundleCliSupport';

const usage = 'grade <bundle.datalab> <submissions, folders or zips…> [--csv <grades.csv>] [--timeout <seconds>]';

function problemText(problem: NonNullable<GradeRow['problem']>, t: Translate): string {
  return gradeProblemText(problem, t);
}

const grade: Command = (context) =>
  reportingFailures(context, async () => {
    const { t } = context;
    const { positionals, values } = parseArgs({
      args: context.args,
      allowPositionals: true,
      options: { csv: { type: 'string' }, timeout: { type: 'string', default: String(gradeTimeoutSecondsDefault) } },
    });
    const [bundleFile, ...inputs] = positionals;
    const timeoutMs = Number(values.timeout) * 1000;
    if (!bundleFile || inputs.length === 0 || !(timeoutMs > 0)) {
      context.stderr(t('cli.commandUsage', { usage }));
      return 2;
    }
    const header = (exercises: { id: string }[]): void => context.stdout(['trainee', ...exercises.map((e) => e.id), 'total'].join('\t'));
    let exerciseIds: string[] = [];
    const { exercises, rows } = await gradeBundle(
      resolveFrom(context, bundleFile),
      inputs.map((input) => resolveFrom(context, input)),
      {
        scratchParent: os.tmpdir(),
        nativeProcessScript: nativeProcessScriptBesideCli(),
        timeoutMs,
        onBundle: (_manifest, bundled) => {
          exerciseIds = bundled.map((e) => e.id);
          header(bundled);
        },
        onRow: (row) =>
          context.stdout(
            row.problem
              ? `${row.trainee ?? path.basename(row.source)}\t${problemText(row.problem, t)}`
              : [row.trainee ?? '', ...exerciseIds.map((id) => gradeCellText(row.cells.get(id)!, t)), String(row.total)].join('\t'),
          ),
      },
    );
    if (values.csv) {
      const target = resolveFrom(context, values.csv);
      await writeFileAtomically(target, gradesCsv(rows, exercises, context.locale));
      context.stdout(t('cli.gradesWritten', { file: target }));
    }
    return 0;
  });

export default grade;
