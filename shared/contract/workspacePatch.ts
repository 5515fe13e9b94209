/**
 * A workspace sent as what changed since a saved revision. The page sends it when it closes: the
 * browser caps the bodies of requests that outlive the page (`keepalive`) at 64 KiB in all, and a
 * workspace with long queries is larger than that, while the last edit before closing is small.
 * Both sides use these two functions, so what the page diffs is exactly what the host applies.
 */
import { z } from 'zod';
import { EditorTab, Workspace } from './hostApi';

/** A tab as the patch carries it: its whole text, or one splice of the saved text, or neither (unchanged). */
export const PatchedTab = EditorTab.omit({ sql: true }).extend({
  sql: EditorTab.shape.sql.optional(),
  splice: z
    .object({
      from: z.number().int().nonnegative(),
      /** End of the replaced range in the saved text (exclusive). */
      to: z.number().int().nonnegative(),
      text: EditorTab.shape.sql,
    })
    .optional(),
});
export type PatchedTab = z.infer<typeof PatchedTab>;

/** Every field of the workspace as it is now, except the tabs' texts, which are relative to `base`. */
export const WorkspacePatch = z.object({
  base: z.number().int().nonnegative(),
  workspace: Workspace.omit({ tabs: true }).extend({ tabs: z.array(PatchedTab).max(100) }),
});
export type WorkspacePatch = z.infer<typeof WorkspacePatch>;

/** The patch that turns `saved` (revision `base`) into `current`. */
export function diffWorkspace(base: number, saved: Workspace, current: Workspace): WorkspacePatch {
  const savedTabs = new Map(saved.tabs.map((tab) => [tab.id, tab.sql]));
  const tabs = current.tabs.map((tab): PatchedTab => {
    const { sql, ...rest } = tab;
    const before = savedTabs.get(tab.id);
    if (before === undefined) return { ...rest, sql };
    if (before === sql) return rest;
    return { ...rest, splice: splice(before, sql) };
  });
  return { base, workspace: { ...current, tabs } };
}

/** Applies a patch to the workspace it was made against; null when a tab it splices is not there. */
export function applyWorkspacePatch(saved: Workspace, patch: WorkspacePatch): Workspace | null {
  const savedTabs = new Map(saved.tabs.map((tab) => [tab.id, tab.sql]));
  const tabs: EditorTab[] = [];
  for (const { splice: change, sql, ...rest } of patch.workspace.tabs) {
    if (sql !== undefined) {
      tabs.push({ ...rest, sql });
      continue;
    }
    const before = savedTabs.get(rest.id);
    if (before === undefined) return null;
    if (!change) {
      tabs.push({ ...rest, sql: before });
      continue;
    }
    if (change.from > change.to || change.to > before.length) return null;
    tabs.push({ ...rest, sql: before.slice(0, change.from) + change.text + before.slice(change.to) });
  }
  return { ...patch.workspace, tabs };
}

/** The one range that differs between two texts: their common start and end are left out. */
function splice(before: string, after: string): { from: number; to: number; text: string } {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { from: start, to: before.length - end, text: after.slice(start, after.length - end) };
}

/**
 * The page's closing save (a patch, or a whole workspace when the page never saw one saved) is
 * named by an id the page makes, sent as `?closingSave=` with it. A reload sends the same id with
 * its first `GET /workspace`, and the host answers only once that save has landed (or after a
 * few seconds): the new page's request can reach the host before the old page's last save, which
 * would load the workspace from before the last edit.
 */
export const ClosingSaveQuery = z.object({
  closingSave: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional(),
});
export type ClosingSaveQuery = z.infer<typeof ClosingSaveQuery>;
