/**
 * The Lab's state in the page: the open course (manifest, exercises, progress), which Lab view is
 * shown, and opening a bundle by path or by a drop. A bundle from an unverified source (unsigned,
 * or signed by a key not trusted) opens only after the user confirms; a tampered one is refused
 * by the host with its reason. The course's data files load as tables named after their files.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BundleProgress } from '../../../../shared/contract/bundle';
import type { Dataset } from '../../../../shared/contract/hostApi';
import type { LabCourse, TrustState } from '../../../../shared/contract/labApi';
import { HostRequestError } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { labClient } from './labClient';

export type LabPanel = 'course' | 'instructor' | null;

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
}

export function trustText(trust: TrustState, signer: string | null): string {
  if (trust === 'verified') return t('lab.ui.trust.verified', { fingerprint: signer ?? '' });
  if (trust === 'unknown-signer') return t('lab.ui.trust.unknownSigner', { fingerprint: signer ?? '' });
  return t('lab.ui.trust.unsigned');
}

const unverifiedCodes = new Set(['bundle.unverifiedUnsigned', 'bundle.unverifiedSigner']);

export function useLab(
  notify: (kind: 'info' | 'error', text: string) => void,
  /** Loads a course's data file as a table named after it (the catalog shows it). */
  loadDataset: (dataset: Dataset) => Promise<unknown>,
  /** Opens a notebook by its path in a notebook tab (a course's, from the library). */
  openNotebook: (path: string) => Promise<unknown>,
): LabState {
  const [course, setCourse] = useState<LabCourse | null>(null);
  const [panel, setPanel] = useState<LabPanel>(null);
  const latest = useRef({ notify, loadDataset, openNotebook });
  latest.current = { notify, loadDataset, openNotebook };

  const show = useCallback((next: LabPanel) => setPanel(next), []);

  const present = useCallback(async (opened: LabCourse, announce: boolean) => {
    setCourse(opened);
    setPanel('course');
    if (announce) {
      latest.current.notify('info', t('lab.ui.opened', { title: opened.manifest.title, count: opened.exercises.length, trust: trustText(opened.trust, opened.signer) }));
      // Its notebooks open beside the exercises, in tabs of their own; the Lab stays in front.
      for (const notebook of opened.notebooks) await latest.current.openNotebook(notebook.path);
    }
    for (const dataset of opened.datasets) await latest.current.loadDataset(dataset);
  }, []);

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
          for (const dataset of reopened.datasets) await latest.current.loadDataset(dataset);
        }
      } catch (error) {
        latest.current.notify('error', error instanceof Error ? error.message : String(error));
      }
    })();
  }, [open]);

  return useMemo(() => ({ course, panel, show, open, openDropped, saveProgress }), [course, panel, show, open, openDropped, saveProgress]);
}
