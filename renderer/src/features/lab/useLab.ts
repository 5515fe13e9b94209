/**
 * The Lab's state in the page: the open course (manifest, exercises, progress), which Lab view is
 * shown, and opening a bundle by path or by a drop. A bundle from an unverified source (unsigned,
 * or signed by a key not trusted) opens only after the user confirms; a tampered one is refused
 * by the host with its reason. The course's data files load as tables under the names its
 * exercises use; a name something else holds is said, with what the trainee may do about it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NameClash } from '../../../../shared/bundles/courseTables';
import type { BundleProgress } from '../../../../shared/contract/bundle';
import type { Dataset } from '../../../../shared/contract/hostApi';
import type { LabCourse, TrustState } from '../../../../shared/contract/labApi';
import { HostRequestError } from '../../host/hostClient';
import { listFormat, t } from '../../i18n/i18n';
import { labClient } from './labClient';

export type LabPanel = 'course' | 'instructor' | null;

/** What loading a course's tables came to: the names held by something else, and the files closed to free theirs. */
export interface CourseTablesLoad {
  clashes: NameClash[];
  replacedFiles: string[];
}

/**
 * Loads a course's data files, each under the name its exercises use. A name held by a file the
 * user opened is freed (that file closed) only with `replace`; one held by a table the user made, never.
 */
export type CourseTablesLoader = (datasets: readonly Dataset[], replace: boolean) => Promise<CourseTablesLoad>;

/** The course's tables as the Lab shows them: being loaded, and the names something else holds. */
export interface CourseTablesState {
  loading: boolean;
  /** Shown until the trainee replaces or cancels; loading the tables again says them again. */
  clashes: readonly NameClash[];
}

export interface LabState {
  course: LabCourse | null;
  panel: LabPanel;
  show(panel: LabPanel): void;
  /** Opens a `.datalab` file by its path (Open file…, the command line). */
  open(path: string): Promise<void>;
  /** Opens a dropped `.datalab` file (its bytes go to the host). */
  openDropped(file: File): Promise<void>;
  /** Saves progress on the host (atomically) and keeps it in the page. */
  saveProgress(progress: BundleProgress): Promise<void>;
  tables: CourseTablesState;
  /** Loads the course's tables again (after the trainee freed a name, or from the catalog); a clash shows the Lab. */
  loadTables(): Promise<void>;
  /** Closes the files the trainee opened under the course's names, and loads the course's tables in their place. */
  replaceTables(): Promise<void>;
  /** Leaves the names to their holders: the clash message goes; Check stays off, and says why. */
  dismissClashes(): void;
}

export function trustText(trust: TrustState, signer: string | null): string {
  if (trust === 'verified') return t('lab.ui.trust.verified', { fingerprint: signer ?? '' });
  if (trust === 'unknown-signer') return t('lab.ui.trust.unknownSigner', { fingerprint: signer ?? '' });
  return t('lab.ui.trust.unsigned');
}

const unverifiedCodes = new Set(['bundle.unverifiedUnsigned', 'bundle.unverifiedSigner']);

export function useLab(
  notify: (kind: 'info' | 'error', text: string) => void,
  /** Loads a course's data files as tables under the names its exercises use (the catalog shows them). */
  loadCourseTables: CourseTablesLoader,
  /** Opens a notebook by its path in a notebook tab (a course's, from the library). */
  openNotebook: (path: string) => Promise<unknown>,
): LabState {
  const [course, setCourse] = useState<LabCourse | null>(null);
  const [panel, setPanel] = useState<LabPanel>(null);
  const [tables, setTables] = useState<CourseTablesState>({ loading: false, clashes: [] });
  const latest = useRef({ notify, loadCourseTables, openNotebook });
  latest.current = { notify, loadCourseTables, openNotebook };

  const show = useCallback((next: LabPanel) => setPanel(next), []);

  /** The course whose tables load now: an answer for a course no longer open is dropped. */
  const loadingFor = useRef<LabCourse | null>(null);
  const load = useCallback(async (target: LabCourse, replace: boolean): Promise<CourseTablesLoad | null> => {
    const previous = loadingFor.current;
    loadingFor.current = target;
    // Another course's clashes are not this one's.
    setTables((current) => ({ loading: true, clashes: previous?.key === target.key ? current.clashes : [] }));
    let outcome: CourseTablesLoad = { clashes: [], replacedFiles: [] };
    try {
      outcome = await latest.current.loadCourseTables(target.datasets, replace);
    } catch (error) {
      latest.current.notify('error', error instanceof Error ? error.message : String(error));
    }
    if (loadingFor.current !== target) return null;
    setTables({ loading: false, clashes: outcome.clashes });
    return outcome;
  }, []);

  const present = useCallback(async (opened: LabCourse, announce: boolean) => {
    setCourse(opened);
    setPanel('course');
    if (announce) {
      latest.current.notify('info', t('lab.ui.opened', { title: opened.manifest.title, count: opened.exercises.length, trust: trustText(opened.trust, opened.signer) }));
      // Its notebooks open beside the exercises, in tabs of their own; the Lab stays in front.
      for (const notebook of opened.notebooks) await latest.current.openNotebook(notebook.path);
    }
    await load(opened, false);
  }, [load]);

  /** Tries once; an unverified source is confirmed by the user, then tried again with their consent. */
  const openWith = useCallback(
    async (attempt: (allowUnverified: boolean) => Promise<LabCourse>) => {
      try {
        let opened: LabCourse;
        try {
          opened = await attempt(false);
        } catch (error) {
          if (!(error instanceof HostRequestError && unverifiedCodes.has(error.code))) throw error;
          if (!window.confirm(t('lab.ui.confirmUnverified', { reason: error.message }))) return;
          opened = await attempt(true);
        }
        await present(opened, true);
      } catch (error) {
        latest.current.notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [present],
  );

  const open = useCallback((path: string) => openWith((allow) => labClient.open(path, allow)), [openWith]);
  const openDropped = useCallback((file: File) => openWith((allow) => labClient.upload(file, allow)), [openWith]);

  const saveProgress = useCallback(
    async (progress: BundleProgress) => {
      if (!course) return;
      setCourse((current) => (current && current.key === course.key ? { ...current, progress } : current));
      try {
        await labClient.saveProgress(course.key, progress);
      } catch (error) {
        latest.current.notify('error', t('lab.ui.progressNotSaved', { message: error instanceof Error ? error.message : String(error) }));
      }
    },
    [course],
  );

  // At start: bundles named on the command line open; otherwise the latest course comes back as it was.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const named = await labClient.atStart();
        for (const file of named) await open(file);
        if (named.length > 0) return;
        const [latestCourse] = await labClient.courses();
        if (latestCourse) {
          const reopened = await labClient.course(latestCourse.key);
          setCourse(reopened);
          await load(reopened, false);
        }
      } catch (error) {
        latest.current.notify('error', error instanceof Error ? error.message : String(error));
      }
    })();
  }, [open, load]);

  const loadTables = useCallback(async () => {
    if (!course) return;
    const outcome = await load(course, false);
    if (outcome && outcome.clashes.length > 0) setPanel('course');
  }, [course, load]);

  const replaceTables = useCallback(async () => {
    if (!course) return;
    const outcome = await load(course, true);
    if (outcome && outcome.replacedFiles.length > 0) {
      latest.current.notify('info', t('lab.tables.replaced', { count: outcome.replacedFiles.length, files: listFormat.format(outcome.replacedFiles) }));
    }
  }, [course, load]);

  const dismissClashes = useCallback(() => setTables((current) => ({ ...current, clashes: [] })), []);

  return useMemo(
    () => ({ course, panel, show, open, openDropped, saveProgress, tables, loadTables, replaceTables, dismissClashes }),
    [course, panel, show, open, openDropped, saveProgress, tables, loadTables, replaceTables, dismissClashes],
  );
}
