import type { Workspace } from '../../../shared/contract/hostApi';
import { diffWorkspace } from '../../../shared/contract/workspacePatch';
import { hostClient } from '../host/hostClient';
import { t } from '../i18n/i18n';
import type { AppStore } from './appStore';
import { nameClosingSave, takeClosingSave } from './closingSaveMarker';
import { nextSaveOrder } from './saveOrder';
import { messageOf, newTab } from './workspaceSlice';

/** How long typing may pause before the workspace is saved. */
const saveDelayMs = 400;
/** How long after a failed save the next try starts. */
const retryDelayMs = 3000;

/**
 * Keeps the store's workspace and history with the host, so they survive a restart (in browser
 * mode the page's origin changes with every port, so browser storage would not). The workspace is
 * saved as it changes, with ordinary requests; a save that fails leaves a warning on screen
 * (`saveProblem`, with the host's reason) and is tried again until it succeeds, the text staying in
 * the page meanwhile. When the page closes, what changed since the last save the host confirmed goes
 * in one `keepalive` request, which the browser caps at 64 KiB: a patch against that revision, so a
 * large workspace still saves its last edit; a reload's first load waits for it (closingSaveMarker.ts).
 * Returns the function that stops it.
 */
export function startWorkspaceSync(store: AppStore): () => void {
  let stopped = false;
  /** The last workspace the host confirmed on disk, and its revision. */
  let saved: { revision: number; workspace: Workspace } | null = null;
  let saving = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const { notify } = store.getState();
  const unsaved = (current: Workspace): boolean => store.getState().workspaceEdits > 0 && current !== saved?.workspace;

  hostClient.loadWorkspace(takeClosingSave()).then(
    ({ workspace: loaded, revision, recoveredFrom }) => {
      if (stopped) return;
      if (recoveredFrom) notify('error', t('error.workspaceCorrupt', { file: recoveredFrom }));
      saved = { revision, workspace: loaded };
      store.getState().workspaceLoaded(loaded);
    },
    (error: unknown) => {
      if (stopped) return;
      notify('error', t('error.host', { message: messageOf(error) }));
      store.getState().workspaceLoaded({ version: 1, tabs: [newTab([])], activeTabId: null });
    },
  );
  hostClient.loadHistory().then(
    ({ entries }) => {
      if (!stopped) store.getState().historyLoaded(entries);
    },
    (error: unknown) => notify('error', t('error.host', { message: messageOf(error) })),
  );

  const schedule = (delayMs: number): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  function save(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const current = store.getState().workspace;
    if (!current || !unsaved(current) || saving) return;
    saving = true;
    hostClient.saveWorkspace(current, { order: nextSaveOrder() }).then(
      ({ revision, superseded }) => {
        saving = false;
        // Left out by the host: this page's closing save (the page lived on after it, restored
        // from the back-forward cache) got there first. What is saved is not known here, and the
        // next save sends the whole workspace again.
        // A save left out says nothing of whether the newer one was written: a problem shown stays.
        if (!superseded) {
          saved = { revision, workspace: current };
          store.getState().setSaveProblem(null);
        }
        if (store.getState().workspace !== saved?.workspace) schedule(saveDelayMs);
      },
      (error: unknown) => {
        saving = false;
        store.getState().setSaveProblem(messageOf(error));
        schedule(retryDelayMs);
      },
    );
  }
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.workspaceEdits !== previous.workspaceEdits) schedule(saveDelayMs);
  });

  const onHide = (): void => {
    const current = store.getState().workspace;
    if (!current || !unsaved(current)) return;
    // Named, so that a reload's first load of the workspace waits for it (it may reach the host first).
    const closingSave = nameClosingSave();
    // Numbered after every save sent before: one of them still in flight, landing after this one,
    // is left out by the host (shared/contract/workspaceSaveOrder.ts).
    const order = nextSaveOrder();
    const request = saved
      ? hostClient.saveWorkspacePatch(diffWorkspace(saved.revision, saved.workspace, current), { order, closingSave })
      : hostClient.saveWorkspace(current, { order, closingSave, keepalive: true });
    // Nothing can be shown any more: the page is going away.
    void request.catch(() => undefined);
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    window.removeEventListener('pagehide', onHide);
  };
}
