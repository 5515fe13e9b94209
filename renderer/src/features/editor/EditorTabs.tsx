import type { KeyboardEvent } from 'react';
import type { EditorTab } from '../../../../shared/contract/hostApi';
import { t } from '../../i18n/i18n';

/** The editor's tab strip: an ARIA tablist; arrows move between tabs, Delete closes one. */
export function EditorTabs({
  tabs,
  activeTabId,
  onActivate,
  onClose,
  onAdd,
}: {
  tabs: readonly EditorTab[];
  activeTabId: string;
  onActivate(id: string): void;
  onClose(id: string): void;
  onAdd(): void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      const next = tabs[(index + (rtl ? -step : step) + tabs.length) % tabs.length];
      if (next) {
        onActivate(next.id);
        (event.currentTarget.parentElement?.parentElement?.querySelector(`[data-tab-id="${next.id}"]`) as HTMLElement | null)?.focus();
      }
      event.preventDefault();
    } else if (event.key === 'Delete') {
      const tab = tabs[index];
      if (tab) onClose(tab.id);
      event.preventDefault();
    }
  };
  return (
    <div className="editor-tabs">
      <div role="tablist" aria-label={t('editor.tabs')}>
        {tabs.map((tab, index) => (
          <span key={tab.id} role="none" className={`editor-tab${tab.id === activeTabId ? ' active' : ''}`}>
            <button
              type="button"
              role="tab"
              data-tab-id={tab.id}
              aria-selected={tab.id === activeTabId}
              tabIndex={tab.id === activeTabId ? 0 : -1}
              onClick={() => onActivate(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {tab.title}
            </button>
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
