import type { StateCreator } from 'zustand/vanilla';
import type { EditorTab, Workspace } from '../../../shared/contract/hostApi';
import { t } from '../i18n/i18n';
import type { AppState } from './appStore';
import { newTab } from './workspaceSlice';

/** A closed tab, kept for Ctrl+Shift+T and the notice's Undo: where it stood, to come back there. */
export interface ClosedTab {
  tab: EditorTab;
  index: number;
}

/** Closed tabs kept for reopening (the page's lifetime only, as in an IDE). */
const closedKept = 20;

/** The tabs with `tab` just after the active one. */
const afterActive = (w: Workspace, tab: EditorTab): EditorTab[] => {
  const tabs = [...w.tabs];
  tabs.splice(w.tabs.findIndex((existing) => existing.id === w.activeTabId) + 1, 0, tab);
  return tabs;
};

/**
 * Editor tabs as an IDE has them: a preview tab that the next preview replaces (VS Code's), renaming,
 * and closed tabs that come back. The workspace slice holds the tabs themselves; these actions are
 * the IDE's habits over them.
 */
export interface EditorTabsSlice {
  /** Most recently closed last. */
  closedTabs: readonly ClosedTab[];
  /** Opens a tab holding `content` just after the active one, and shows it; returns its id. */
  openTab(content: Omit<EditorTab, 'id'>): string;
  /**
   * Opens `sql` in the preview tab, which replaces the last preview tab in its place (its text
   * was never edited, or it would no longer be a preview), or opens after the active tab.
   */
  openPreviewTab(title: string, sql: string): void;
  /** The user's own name for a tab; a blank name leaves the tab as it was. */
  renameTab(tabId: string, title: string): void;
  /** Closes a tab, keeping it for reopening; a tab that held SQL is announced with Undo. */
  closeTabUndoably(tabId: string): void;
  /** Reopens the last closed tab (Ctrl+Shift+T), or the one named, where it stood. */
  reopenClosedTab(tabId?: string): void;
}

export const editorTabsSlice: StateCreator<AppState, [], [], EditorTabsSlice> = (set, get) => ({
  closedTabs: [],
  openTab: (content) => {
    let id = '';
    get().updateWorkspace(
      (w) => {
        const tab: EditorTab = { ...newTab(w.tabs), ...content };
        id = tab.id;
        return { ...w, tabs: afterActive(w, tab), activeTabId: tab.id };
      },
      { showActiveTab: true },
    );
    return id;
  },
  openPreviewTab: (title, sql) =>
    get().updateWorkspace(
      (w) => {
        // A new id, not new text in the old tab: the editor makes one text model (and undo history) per tab.
        const tab: EditorTab = { ...newTab(w.tabs), title, sql, preview: true };
        const previewIndex = w.tabs.findIndex((existing) => existing.preview === true);
        const tabs = previewIndex >= 0 ? w.tabs.map((existing, index) => (index === previewIndex ? tab : existing)) : afterActive(w, tab);
        return { ...w, tabs, activeTabId: tab.id };
      },
      { showActiveTab: true },
    ),
  renameTab: (tabId, title) => {
    const name = title.trim().slice(0, 200);
    if (!name) return;
    get().updateWorkspace((w) => ({ ...w, tabs: w.tabs.map((tab) => (tab.id === tabId ? { ...tab, title: name, preview: false } : tab)) }));
  },
  closeTabUndoably: (tabId) => {
    const tabs = get().workspace?.tabs ?? [];
    const index = tabs.findIndex((tab) => tab.id === tabId);
    const tab = tabs[index];
    if (!tab) return;
    set((state) => ({ closedTabs: [...state.closedTabs.filter((closed) => closed.tab.id !== tabId), { tab, index }].slice(-closedKept) }));
    get().closeTab(tabId);
    if (tab.sql.trim() !== '') {
      get().notify('info', t('tabs.closed', { name: tab.title }), undefined, {
        label: t('tabs.undoClose'),
        run: () => get().reopenClosedTab(tab.id),
      });
    }
  },
  reopenClosedTab: (tabId) => {
    const closed = get().closedTabs;
    const entry = tabId === undefined ? closed[closed.length - 1] : closed.find((c) => c.tab.id === tabId);
    if (!entry) return;
    set({ closedTabs: closed.filter((c) => c !== entry) });
    get().updateWorkspace(
      (w) => {
        if (w.tabs.some((tab) => tab.id === entry.tab.id)) return { ...w, activeTabId: entry.tab.id };
        // Closing the last tab left an empty one in its place: the reopened tab takes it back.
        const placeholder = w.tabs.length === 1 && w.tabs[0]?.sql === '' ? w.tabs[0] : null;
        const tabs = placeholder ? [] : [...w.tabs];
        // A reopened preview tab would be replaced by the next preview: it comes back as a kept tab.
        tabs.splice(Math.min(entry.index, tabs.length), 0, { ...entry.tab, preview: false });
        return { ...w, tabs, activeTabId: entry.tab.id };
      },
      { showActiveTab: true },
    );
  },
});
