/**
 * The instructor's side of the Lab: the trusted keys (import a public key file, see fingerprints,
 * remove one) and the gradebook, which re-grades a folder (or zip) of submissions on the host's
 * native engine and shows trainees × exercises, with CSV export.
 */
import { useCallback, useEffect, useState } from 'react';
import { gradeTimeoutSecondsDefault, type Gradebook, type GradingProgress, type TrustedKeyView } from '../../../../shared/contract/labApi';
import { gradeProblemText } from '../../../../shared/bundles/gradeText';
import { gradeCellText } from '../../../../shared/bundles/gradesCsv';
import { isMessageKey } from '../../../../shared/i18n/translate';
import { getLocale, t } from '../../i18n/i18n';
import { labClient } from './labClient';
import { rowTabId } from '../layout/TabRow';
import { labPanelIds, labTabKeys } from './labTabs';

type Notify = (kind: 'info' | 'error', text: string) => void;

/** How often a running grading is asked how far it has got. */
const progressPollMs = 300;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type GradeProblem = NonNullable<Gradebook['rows'][number]['problem']>;

/** A row's problem in the user's language; a key this build does not know is shown as it came. */
function problemText(problem: GradeProblem): string {
  const message = (part: { key: string; params: GradeProblem['params'] }) => (isMessageKey(part.key) ? { key: part.key, params: part.params } : null);
  const own = message(problem);
  if (!own) return problem.key;
  const cause = problem.cause ? message(problem.cause) : null;
  return gradeProblemText(cause ? { ...own, cause } : own, t);
}

export function InstructorView({ notify }: { notify: Notify }) {
  return (
    <section id={labPanelIds.instructor} role="tabpanel" aria-labelledby={rowTabId(labTabKeys.instructor)} className="lab lab-instructor">
      <TrustedKeys notify={notify} />
      <GradebookPanel notify={notify} />
    </section>
  );
}

function TrustedKeys({ notify }: { notify: Notify }) {
  const [keys, setKeys] = useState<TrustedKeyView[]>([]);
  const [keyPath, setKeyPath] = useState('');
  const refresh = useCallback(() => labClient.keys().then(setKeys, (error: unknown) => notify('error', messageOf(error))), [notify]);
  useEffect(() => void refresh(), [refresh]);

  const add = async (): Promise<void> => {
    try {
      const key = await labClient.trustKey(keyPath);
      notify('info', t('lab.ui.keyAdded', { name: key.name, fingerprint: key.fingerprint }));
      setKeyPath('');
      await refresh();
    } catch (error) {
      notify('error', messageOf(error));
    }
  };
  const remove = async (fingerprint: string): Promise<void> => {
    try {
      await labClient.removeKey(fingerprint);
      await refresh();
    } catch (error) {
      notify('error', messageOf(error));
    }
  };

  return (
    <section aria-labelledby="lab-keys-title">
      <h2 id="lab-keys-title">{t('lab.ui.keys')}</h2>
      {keys.length === 0 ? (
        <p className="muted">{t('lab.ui.noKeys')}</p>
      ) : (
        <table aria-labelledby="lab-keys-title">
          <thead>
            <tr>
              <th scope="col">{t('lab.ui.keyName')}</th>
              <th scope="col">{t('lab.ui.fingerprint')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('lab.ui.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.fingerprint}>
                <td>
                  <bdi>{key.name}</bdi>
                </td>
                <td dir="ltr">{key.fingerprint}</td>
                <td>
                  <button type="button" aria-label={t('lab.ui.removeKey', { name: key.name, fingerprint: key.fingerprint })} onClick={() => void remove(key.fingerprint)}>
                    {t('lab.ui.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="lab-form">
        <label>
          {t('lab.ui.keyPath')}
          <input type="text" dir="ltr" value={keyPath} onChange={(event) => setKeyPath(event.target.value)} />
        </label>
        <button type="button" disabled={keyPath.trim() === ''} onClick={() => void add()}>
          {t('lab.ui.addKey')}
        </button>
      </div>
    </section>
  );
}

function GradebookPanel({ notify }: { notify: Notify }) {
  const [bundlePath, setBundlePath] = useState('');
  const [submissionsPath, setSubmissionsPath] = useState('');
  const [csvPath, setCsvPath] = useState('');
  const [grading, setGrading] = useState<{ jobId: string; progress: GradingProgress | null; cancelling: boolean } | null>(null);
  const [gradebook, setGradebook] = useState<Gradebook | null>(null);
  const jobId = grading?.jobId ?? null;

  // How far the grading has got, asked while it runs: the count is read out politely.
  useEffect(() => {
    if (jobId === null) return;
    let stopped = false;
    const ask = (): void => {
      labClient.gradingProgress(jobId).then(
        (progress) => {
          if (!stopped) setGrading((current) => (current?.jobId === jobId ? { ...current, progress } : current));
        },
        // Finished between two asks: the grade call's answer ends it.
        () => undefined,
      );
    };
    const timer = setInterval(ask, progressPollMs);
    ask();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [jobId]);

  const grade = async (): Promise<void> => {
    const id = crypto.randomUUID();
    setGrading({ jobId: id, progress: null, cancelling: false });
    try {
      const graded = await labClient.grade(bundlePath, [submissionsPath], id);
      setGradebook(graded);
      const notGraded = graded.rows.filter((row) => row.problem?.key === 'grade.cancelled').length;
      if (notGraded > 0) notify('info', t('lab.ui.gradingCancelled', { graded: graded.rows.length - notGraded, total: graded.rows.length }));
    } catch (error) {
      notify('error', messageOf(error));
    } finally {
      setGrading(null);
    }
  };
  const cancel = (): void => {
    if (jobId === null) return;
    setGrading((current) => (current ? { ...current, cancelling: true } : current));
    labClient.cancelGrading(jobId).catch((error: unknown) => notify('error', messageOf(error)));
  };
  const saveCsv = async (): Promise<void> => {
    if (!gradebook) return;
    try {
      const { path } = await labClient.saveGrades(gradebook.gradebookId, csvPath, getLocale());
      notify('info', t('lab.ui.gradesSaved', { file: path }));
    } catch (error) {
      notify('error', messageOf(error));
    }
  };

  return (
    <section aria-labelledby="lab-gradebook-title" className="lab-gradebook">
      <h2 id="lab-gradebook-title">{t('lab.ui.gradebook')}</h2>
      <div className="lab-form">
        <label>
          {t('lab.ui.bundlePath')}
          <input type="text" dir="ltr" value={bundlePath} onChange={(event) => setBundlePath(event.target.value)} />
        </label>
        <label>
          {t('lab.ui.submissionsPath')}
          <input type="text" dir="ltr" value={submissionsPath} onChange={(event) => setSubmissionsPath(event.target.value)} />
        </label>
        <button type="button" className="primary" disabled={grading !== null || bundlePath.trim() === '' || submissionsPath.trim() === ''} onClick={() => void grade()}>
          {grading ? t('lab.ui.grading') : t('lab.ui.grade')}
        </button>
        {grading ? (
          <button type="button" disabled={grading.cancelling} onClick={cancel}>
            {t('lab.ui.cancelGrading')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('lab.ui.gradeTimeLimit', { seconds: gradeTimeoutSecondsDefault })}</p>
      <p role="status" aria-live="polite" className="lab-grading-progress">
        {grading
          ? grading.progress?.total == null
            ? t('lab.ui.gradingStarting')
            : t('lab.ui.gradingProgress', { graded: grading.progress.graded, total: grading.progress.total })
          : ''}
      </p>
      {gradebook ? (
        <>
          {gradebook.bundle.trust === 'unknown-signer' ? (
            <p role="alert" className="lab-trust lab-trust--unknown-signer lab-grade-warning">
              {t('lab.ui.gradeUnknownSigner', { fingerprint: gradebook.bundle.signer ?? '' })}
            </p>
          ) : null}
          {/* Trainee first and held in place, then what a reader looks for (total, problem), then the exercises by title. */}
          <div className="lab-gradebook-table">
            <table aria-label={t('lab.ui.gradesTable', { title: gradebook.bundle.title })}>
              <thead>
                <tr>
                  <th scope="col" className="lab-grade-trainee">
                    {t('lab.ui.traineeColumn')}
                    <span className="lab-grade-secondary">{t('lab.ui.fileColumn')}</span>
                  </th>
                  <th scope="col">{t('lab.ui.totalColumn')}</th>
                  <th scope="col">{t('lab.ui.problemColumn')}</th>
                  {gradebook.exercises.map((e) => (
                    <th key={e.id} scope="col" title={e.id} className="lab-grade-exercise">
                      <bdi>{e.title}</bdi>
                      <span className="lab-grade-secondary">
                        <bdi dir="ltr">{e.id}</bdi>
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {gradebook.rows.map((row, r) => {
                  const problem = row.problem ? problemText(row.problem) : '';
                  return (
                    <tr key={r}>
                      <th scope="row" className="lab-grade-trainee">
                        <bdi>{row.trainee ?? ''}</bdi>
                        <span className="lab-grade-secondary">
                          <bdi dir="ltr">{row.source.split(/[\\/]/).at(-1)}</bdi>
                        </span>
                      </th>
                      <td>{row.problem ? '' : row.total}</td>
                      {/* One line, cut with an ellipsis; the whole text on hover (title) and on focus (Tab reaches it). */}
                      <td className="lab-grade-problem" title={problem || undefined} tabIndex={problem ? 0 : undefined}>
                        {problem}
                      </td>
                      {gradebook.exercises.map((e) => {
                        const cell = row.cells[e.id];
                        const text = cell ? gradeCellText(cell, t) : '';
                        return (
                          <td key={e.id} title={cell?.detail ?? undefined}>
                            {text}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="lab-form">
            <label>
              {t('lab.ui.csvPath')}
              <input type="text" dir="ltr" value={csvPath} onChange={(event) => setCsvPath(event.target.value)} />
            </label>
            <button type="button" disabled={csvPath.trim() === ''} onClick={() => void saveCsv()}>
              {t('lab.ui.exportCsv')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
