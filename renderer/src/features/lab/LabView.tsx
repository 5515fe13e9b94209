/**
 * The trainee's Lab view: the course's exercises with their status, and the chosen exercise's
 * prompt, SQL editor and Check, Hint and Reset. Every check is recorded in the progress, which the
 * host saves atomically; the SQL being written is kept in the page's storage between checks, so a
 * reload does not lose it.
 */
import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { feedbackMessages } from '../../../../shared/bundles/feedbackMessages';
import { handedInSql, progressOf, recordCheck, recordHint, submissionFileName } from '../../../../shared/bundles/progress';
import type { BundledExercise } from '../../../../shared/contract/bundle';
import type { Engine } from '../../engine/engine';
import { listFormat, t } from '../../i18n/i18n';
import { SqlCellEditor } from '../editor/lazyEditors';
import { MarkdownBody } from '../notebook/MarkdownBody';
import { useFirstPlace } from '../files/firstPlace';
import { rowTabId } from '../layout/TabRow';
import { labPanelIds, labTabKeys } from './labTabs';
import { labClient } from './labClient';
import { checkTimeoutMs, runCheck, shownRows, type CheckOutcome } from './runCheck';
import { trustText, type LabState } from './useLab';
import { CourseTablesNotice } from './CourseTablesNotice';
import type { LabCourse } from '../../../../shared/contract/labApi';


function draftKey(course: LabCourse, exerciseId: string): string {
  return `datalab.lab.draft.${course.manifest.id}.${exerciseId}`;
}

function readDraft(course: LabCourse, exercise: BundledExercise): string {
  const stored = window.localStorage.getItem(draftKey(course, exercise.id));
  if (stored !== null) return stored;
  const last = progressOf(course.progress, exercise.id).lastSql;
  return last !== '' ? last : exercise.starter;
}

/**
 * What the trainee chose or typed in the Lab (the exercise, their name, where to save), kept while
 * the page lives: going to a query tab and back unmounts this view, which used to start again at
 * the first exercise with the fields empty.
 */
const keptWhileOpen = new Map<string, string>();

function useKeptWhileOpen(key: string, initial: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => keptWhileOpen.get(key) ?? initial);
  const set = useCallback(
    (next: string) => {
      keptWhileOpen.set(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}

export interface LabViewProps {
  lab: LabState;
  engine: Engine;
  /** The course's tables that do not hold its data in the engine now: no exercise is checked meanwhile. */
  missingTables: readonly string[];
  notify: (kind: 'info' | 'error', text: string) => void;
  /** Shows one of the course's notebooks in its tab (opened again if it was closed). */
  onOpenNotebook: (path: string) => void;
}

export function LabView({ lab, engine, missingTables, notify, onOpenNotebook }: LabViewProps) {
  const course = lab.course!;
  const [selectedId, setSelectedId] = useKeptWhileOpen(`${course.key}:exercise`, course.exercises[0]?.id ?? '');
  const exercise = course.exercises.find((e) => e.id === selectedId) ?? course.exercises[0];
  const solved = course.exercises.filter((e) => progressOf(course.progress, e.id).status === 'solved').length;
  const [trainee, setTrainee] = useKeptWhileOpen(`${course.key}:trainee`, course.progress.trainee);
  // The path as the trainee typed it; until they do, the field holds the suggested one, which follows
  // their name ("Amina-sql-fr-debutants.datalab-submission" in the file browser's first place).
  const [typedPath, setTypedPath] = useKeptWhileOpen(`${course.key}:submissionPath`, '');
  const [pathTyped, setPathTyped] = useKeptWhileOpen(`${course.key}:submissionPathTyped`, '');
  const firstPlace = useFirstPlace();
  const suggestedPath = firstPlace === '' ? '' : `${firstPlace}${submissionFileName(trainee.trim() || 'trainee', course.manifest.id)}`;
  const submissionPath = pathTyped === 'yes' ? typedPath : suggestedPath;
  const editPath = useCallback(
    (path: string) => {
      setTypedPath(path);
      setPathTyped('yes');
    },
    [setTypedPath, setPathTyped],
  );
  // Why Export is off, said beside it and in its accessible description.
  const exportOff = trainee.trim() === '' ? t('lab.ui.exportNeedsName') : submissionPath.trim() === '' ? t('lab.ui.exportNeedsPath') : null;
  const exportOffNote = useId();
  // Where the focus goes when the clash message it was in goes away (Replace, Cancel).
  const title = useRef<HTMLHeadingElement>(null);
  const { replaceTables, dismissClashes } = lab;
  const replace = useCallback(() => void replaceTables().then(() => title.current?.focus()), [replaceTables]);
  const cancel = useCallback(() => {
    dismissClashes();
    title.current?.focus();
  }, [dismissClashes]);

  const exportSubmission = useCallback(async () => {
    try {
      const { path } = await labClient.saveSubmission(course.key, trainee, submissionPath);
      notify('info', t('lab.ui.submissionSaved', { file: path }));
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  }, [course.key, trainee, submissionPath, notify]);

  return (
    <section id={labPanelIds.course} role="tabpanel" aria-labelledby={rowTabId(labTabKeys.course)} className="lab">
      <header className="lab-header">
        <h2 ref={title} tabIndex={-1}>
          <bdi>{course.manifest.title}</bdi>
        </h2>
        <p className={`lab-trust lab-trust--${course.trust}`}>{trustText(course.trust, course.signer)}</p>
        <p>{t('lab.ui.progress', { solved, total: course.exercises.length })}</p>
        {course.notebooks.length > 0 ? (
          <nav className="lab-notebooks" aria-label={t('lab.ui.notebooks')}>
            <span>{t('lab.ui.notebooks')}</span>
            <ul>
              {course.notebooks.map((notebook) => (
                <li key={notebook.path}>
                  <button type="button" onClick={() => onOpenNotebook(notebook.path)}>
                    <bdi>{notebook.fileName}</bdi>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <CourseTablesNotice clashes={lab.tables.clashes} busy={lab.tables.loading} onReplace={replace} onCancel={cancel} />
      <div className="lab-body">
        <nav className="lab-exercises" aria-label={t('lab.ui.exercises')}>
          <ol>
            {course.exercises.map((e) => {
              const status = progressOf(course.progress, e.id).status;
              return (
                <li key={e.id}>
                  <button type="button" aria-current={e.id === exercise?.id ? 'true' : undefined} onClick={() => setSelectedId(e.id)}>
                    <bdi>{e.title}</bdi> <span className={`lab-status lab-status--${status}`}>{t(`lab.ui.status.${status}`)}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        {exercise ? <ExercisePanel key={exercise.id} course={course} exercise={exercise} engine={engine} lab={lab} missingTables={missingTables} /> : null}
      </div>
      <footer className="lab-submission">
        <label>
          {t('lab.ui.trainee')}
          <input type="text" value={trainee} onChange={(event) => setTrainee(event.target.value)} maxLength={200} />
        </label>
        <label>
          {t('lab.ui.submissionPath')}
          <input
            type="text"
            dir="ltr"
            value={submissionPath}
            onChange={(event) => editPath(event.target.value)}
          />
        </label>
        <button type="button" disabled={exportOff !== null} aria-describedby={exportOff !== null ? exportOffNote : undefined} onClick={() => void exportSubmission()}>
          {t('lab.ui.exportSubmission')}
        </button>
        {exportOff !== null ? (
          <p id={exportOffNote} className="lab-export-off muted">
            {exportOff}
          </p>
        ) : null}
      </footer>
    </section>
  );
}

interface ExercisePanelProps {
  course: LabCourse;
  exercise: BundledExercise;
  engine: Engine;
  lab: LabState;
  missingTables: readonly string[];
}

function ExercisePanel({ course, exercise, engine, lab, missingTables }: ExercisePanelProps) {
  const [sql, setSql] = useState(() => readDraft(course, exercise));
  // A new editor (and model) after Reset: the editor takes its text once, when it is made.
  const [editorGeneration, setEditorGeneration] = useState(0);
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const progress = progressOf(course.progress, exercise.id);
  // A solved exercise hands in the SQL that solved it, whatever the editor holds or was checked last.
  const solvedWithOtherSql = progress.status === 'solved' && handedInSql(progress) !== sql;

  const edit = useCallback(
    (text: string) => {
      setSql(text);
      window.localStorage.setItem(draftKey(course, exercise.id), text);
    },
    [course, exercise.id],
  );

  // The trainee's SQL would read other data than the course's (or fail on a missing table): no check, and the reason shown.
  const checkOff = missingTables.length > 0;
  const checkOffNote = useId();
  const check = useCallback(async () => {
    if (checking || checkOff) return;
    setChecking(true);
    try {
      const result = await runCheck(engine, exercise, sql);
      setOutcome(result);
      if (result.kind === 'empty') return;
      const correct = result.kind === 'checked' && result.feedback.correct;
      await lab.saveProgress(recordCheck(course.progress, exercise.id, sql, correct, new Date()));
    } finally {
      setChecking(false);
    }
  }, [checking, checkOff, engine, exercise, sql, lab, course.progress]);

  const hint = useCallback(() => void lab.saveProgress(recordHint(course.progress, exercise)), [lab, course.progress, exercise]);

  const reset = useCallback(() => {
    if (sql !== exercise.starter && !window.confirm(t('lab.ui.resetConfirm'))) return;
    window.localStorage.removeItem(draftKey(course, exercise.id));
    setSql(exercise.starter);
    setOutcome(null);
    setEditorGeneration((n) => n + 1);
  }, [sql, exercise, course]);

  return (
    <article className="lab-exercise" aria-label={t('lab.ui.exercise', { title: exercise.title })}>
      <h3>
        <bdi>{exercise.title}</bdi>
      </h3>
      <p className="lab-meta">
        {t('lab.ui.points', { points: exercise.points })} · {t(`lab.ui.status.${progress.status}`)} · {t('lab.ui.attempts', { count: progress.attempts })}
      </p>
      {solvedWithOtherSql ? (
        <div className="lab-handed-in" role="note">
          <p>{t('lab.ui.handedInSql')}</p>
          <pre dir="ltr">{handedInSql(progress)}</pre>
        </div>
      ) : null}
      <MarkdownBody className="lab-prompt" markdown={exercise.prompt} language={course.manifest.language} />
      <SqlCellEditor
        key={editorGeneration}
        cellId={`lab-${course.key}-${exercise.id}-${editorGeneration}`}
        text={sql}
        ariaLabel={t('lab.ui.editor', { title: exercise.title })}
        onChange={edit}
        onRunAndAdvance={() => void check()}
        // An exercise has no named results: completion offers the course's tables, as the query editor does.
        namedResults={noNamedResults}
      />
      {checkOff ? (
        <div className="lab-check-off" role="note">
          <p id={checkOffNote}>{lab.tables.loading ? t('lab.tables.loading') : t('lab.tables.checkOff', { count: missingTables.length, tables: listFormat.format(missingTables) })}</p>
          {lab.tables.loading ? null : (
            <button type="button" onClick={() => void lab.loadTables()}>
              {t('lab.tables.load')}
            </button>
          )}
        </div>
      ) : null}
      <div className="lab-actions">
        <button type="button" className="primary" onClick={() => void check()} disabled={checking || checkOff} aria-describedby={checkOff ? checkOffNote : undefined}>
          {checking ? t('lab.ui.checking') : t('lab.ui.check')}
        </button>
        <button type="button" onClick={hint} disabled={progress.hintsShown >= exercise.hints.length}>
          {exercise.hints.length === 0 ? t('lab.ui.noHints') : t('lab.ui.hintCount', { shown: progress.hintsShown, total: exercise.hints.length })}
        </button>
        <button type="button" onClick={reset}>
          {t('lab.ui.reset')}
        </button>
      </div>
      {progress.hintsShown > 0 ? (
        <ol className="lab-hints" lang={course.manifest.language} dir="auto">
          {exercise.hints.slice(0, progress.hintsShown).map((text, i) => (
            <li key={i} aria-label={t('lab.ui.hintTitle', { n: i + 1 })}>
              <MarkdownBody markdown={text} language={course.manifest.language} />
            </li>
          ))}
        </ol>
      ) : null}
      {outcome ? <Feedback outcome={outcome} exercise={exercise} /> : null}
    </article>
  );
}

function Feedback({ outcome, exercise }: { outcome: CheckOutcome; exercise: BundledExercise }) {
  const messages: ReactNode[] =
    outcome.kind === 'checked'
      ? feedbackMessages(outcome.feedback, exercise.check.columns, t)
      : outcome.kind === 'failed'
        ? [
            <>
              {t('lab.ui.checkFailed')}
              {/* DuckDB's own words, laid out as it writes them: "LINE 1:" and the caret under the spot. */}
              <pre className="lab-error" dir="ltr">
                {outcome.message}
              </pre>
            </>,
          ]
        : outcome.kind === 'timed-out'
          ? [t('lab.ui.checkTimedOut', { seconds: checkTimeoutMs / 1000 })]
          : [t('lab.ui.emptySql')];
  const correct = outcome.kind === 'checked' && outcome.feedback.correct;
  // The sentences are announced; the result table beside them is not (it would be read out whole).
  return (
    <>
      <section className={`lab-feedback${correct ? ' lab-feedback--correct' : ''}`} aria-label={t('lab.ui.feedback')} role="status">
        <ul>
          {messages.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      </section>
      {outcome.kind === 'checked' && outcome.result.columns.length > 0 ? <ResultTable outcome={outcome} /> : null}
    </>
  );
}

function ResultTable({ outcome }: { outcome: Extract<CheckOutcome, { kind: 'checked' }> }) {
  const unexpected = new Set(outcome.feedback.unexpectedRows);
  const { columns, rows } = outcome.result;
  return (
    <div className="lab-result">
      <table aria-label={t('lab.ui.yourResult')}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                <bdi>{column.name}</bdi>
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('lab.ui.unexpectedRow')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shownRows).map((row, r) => (
            <tr key={r} className={unexpected.has(r) ? 'lab-row--unexpected' : undefined}>
              {row.map((cell, c) => (
                <td key={c}>
                  <bdi>{cell ?? 'NULL'}</bdi>
                </td>
              ))}
              <td>{unexpected.has(r) ? t('lab.ui.unexpectedRow') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outcome.feedback.actualRowCount > shownRows ? <p className="muted">{t('lab.ui.moreRows', { count: outcome.feedback.actualRowCount - shownRows })}</p> : null}
    </div>
  );
}

const noNamedResults = (): [] => [];
