import { useState } from 'react';
import type { EditorTab } from '../../../../shared/contract/hostApi';
import { t } from '../../i18n/i18n';
import { rowTabId, type RowTab } from '../layout/TabRow';
import { TabRenameBox } from './TabRenameBox';

/** The SQL editor's element, which every query tab shows (one editor, one text per tab). */
export const sqlEditorPanelId = 'sql-editor-panel';

/** A query tab's key in the editor's tab row. */
export const queryTabKey = (id: string): string => `query-${id}`;

/**
 * The query tabs of the editor's tab row. A preview tab (a table opened from the catalog) shows its
 * name in italics and says "preview" in its accessible name; F2 or a double-click renames a tab in
 * place; a tab whose text differs from its file's is marked, and says so in its name.
 */
export function useQueryTabs({
  tabs,
  activeTabId,
  shown,
  onActivate,
  onClose,
  onRename,
  isUnsaved,
}: {
  tabs: readonly EditorTab[];
  activeTabId: string;
  /** The query tabs' panel is the one shown (not a notebook's, not the Lab's). */
  shown: boolean;
  onActivate(id: string): void;
  onClose(id: string): void;
  onRename(id: string, title: string): void;
  isUnsaved?: (tab: EditorTab) => boolean;
}): RowTab[] {
  const [renaming, setRenaming] = useState<string | null>(null);
  const finishRename = (tab: EditorTab, title: string | null): void => {
    setRenaming(null);
    if (title !== null && title.trim() !== '' && title !== tab.title) onRename(tab.id, title);
    // Back to the tab, as after any edit in place; after React has put the tab back.
    requestAnimationFrame(() => document.getElementById(rowTabId(queryTabKey(tab.id)))?.focus());
  };
  return tabs.map((tab) => {
    const unsaved = isUnsaved?.(tab) ?? false;
    return {
      key: queryTabKey(tab.id),
      label: (
        <>
          {tab.title}
          {unsaved ? (
            <span aria-hidden="true" className="editor-tab__unsaved">
              {' ●'}
            </span>
          ) : null}
        </>
      ),
      // The visible name first (WCAG "label in name"), then what kind of tab it is.
      accessibleName: tab.preview ? t('tabs.previewName', { name: tab.title }) : unsaved ? t('sqlFile.unsavedName', { name: tab.title }) : undefined,
      title: tab.file ? `${tab.file.path}\n${t('tabs.renameHint')}` : t('tabs.renameHint'),
      selected: shown && tab.id === activeTabId,
      panelId: sqlEditorPanelId,
      className: tab.preview ? 'editor-tab--preview' : undefined,
      onSelect: () => onActivate(tab.id),
      close: { run: () => onClose(tab.id), title: t('editor.closeTab', { name: tab.title }) },
      onRename: () => setRenaming(tab.id),
      editing: renaming === tab.id ? <TabRenameBox title={tab.title} onDone={(title) => finishRename(tab, title)} /> : undefined,
    };
  });
}
