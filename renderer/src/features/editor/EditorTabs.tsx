import { useState, type KeyboardEvent } from 'react';
import type { EditorTab } from '../../../../shared/contract/hostApi';
import { t } from '../../i18n/i18n';
import { TabRenameBox } from './TabRenameBox';

/**
 * The editor's tab strip: an ARIA tablist; arrows move between tabs, Delete closes one, F2 or a
 * double-click renames one in place. A preview tab (a table opened from the catalog) shows its
 * name in italics and says "preview" in its accessible name.
 */
export function EditorTabs({
  tabs,
  activeTabId,
  onActivate,
  onClose,
  onAdd,
  onRename,
  isUnsaved,
}: {
  tabs: readonly EditorTab[];
  activeTabId: string;
  onActivate(id: string): void;
  onClose(id: string): void;
  onAdd(): void;
  onRename(id: string, title: string): void;
  /** A tab whose text differs from its file's: marked, and said so in its name. */
  isUnsaved?: (tab: EditorTab) => boolean;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const focusTab = (from: HTMLElement, id: string): void =>
    (from.closest('.editor-tabs')?.querySelector(`[data-tab-id="${id}"]`) as HTMLElement | null)?.focus();

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const tab = tabs[index];
    if (step !== 0) {
      const next = tabs[(index + (rtl ? -step : step) + tabs.length) % tabs.length];
      if (next) {
        onActivate(next.id);
        focusTab(event.currentTarget, next.id);
      }
      event.preventDefault();
    } else if (event.key === 'Delete') {
      if (tab) onClose(tab.id);
      event.preventDefault();
    } else if (event.key === 'F2') {
      if (tab) setRenaming(tab.id);
      event.preventDefault();
    }
  };
  const finishRename = (tab: EditorTab, title: string | null, strip: HTMLElement | null): void => {
    setRenaming(null);
    if (title !== null && title.trim() !== '' && title !== tab.title) onRename(tab.id, title);
    // Back to the tab, as after any edit in place; after React has put the tab back.
    if (strip) requestAnimationFrame(() => focusTab(strip, tab.id));
  };
  return (
    <div className="editor-tabs">
      <div role="tablist" aria-label={t('editor.tabs')}>
        {tabs.map((tab, index) => (
          <span key={tab.id} role="none" className={`editor-tab${tab.id === activeTabId ? ' active' : ''}${tab.preview ? ' editor-tab--preview' : ''}`}>
            {renaming === tab.id ? (
              <TabRenameBox title={tab.title} onDone={(title, strip) => finishRename(tab, title, strip)} />
            ) : (
              <button
                type="button"
                role="tab"
                data-tab-id={tab.id}
                aria-selected={tab.id === activeTabId}
                // The visible name first (WCAG "label in name"), then what kind of tab it is.
                aria-label={tab.preview ? t('tabs.previewName', { name: tab.title }) : isUnsaved?.(tab) ? t('sqlFile.unsavedName', { name: tab.title }) : undefined}
                title={tab.file ? `${tab.file.path}\n${t('tabs.renameHint')}` : t('tabs.renameHint')}
                tabIndex={tab.id === activeTabId ? 0 : -1}
                onClick={() => onActivate(tab.id)}
                onDoubleClick={() => setRenaming(tab.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                {tab.title}
                {isUnsaved?.(tab) ? (
                  <span aria-hidden="true" className="editor-tab__unsaved">
                    {' ●'}
                  </span>
                ) : null}
              </button>
            )}
            {/* A mouse shortcut only: a tablist may hold nothing but tabs, so keyboard and screen-reader
                users close a tab with Delete or the Close tab button beside the list. */}
            <button type="button" className="tab-close" aria-hidden="true" tabIndex={-1} title={t('editor.closeTab', { name: tab.title })} onClick={() => onClose(tab.id)}>
              ×
            </button>
          </span>
        ))}
      </div>
      <button type="button" className="tab-add" aria-label={t('editor.newTab')} title={t('editor.newTab')} onClick={onAdd}>
        +
      </button>
      <button type="button" className="tab-add" aria-label={t('editor.closeActiveTab')} title={t('editor.closeActiveTab')} onClick={() => onClose(activeTabId)}>
        −
      </button>
    </div>
  );
}
