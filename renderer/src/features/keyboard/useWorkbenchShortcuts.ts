import { useEffect } from 'react';

/** Where typing a character means text, not a command: `?` is typed there, never caught. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.monaco-editor')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(target.type);
}

/**
 * The workbench's own shortcuts, wherever focus is: Ctrl+/ (or `?` outside text) opens the
 * shortcuts sheet, Ctrl+Shift+T reopens the last closed tab, Ctrl+Tab and Ctrl+Shift+Tab move to the
 * next and previous query tab. Listened for in the capture phase, so the editor's own binding of
 * Ctrl+/ (comment a line, still on Ctrl+K Ctrl+C) does not take it. A browser keeps Ctrl+Shift+T
 * and Ctrl+Tab for its own tabs; in the app's window they reach the page.
 */
export function useWorkbenchShortcuts(actions: { openShortcuts(): void; reopenClosedTab(): void; moveTab(step: 1 | -1): void }): void {
  const { openShortcuts, reopenClosedTab, moveTab } = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = (event.ctrlKey || event.metaKey) && !event.altKey;
      // e.code too: `/` and `T` sit elsewhere on AZERTY and non-Latin layouts.
      const slash = event.key === '/' || (!event.shiftKey && event.code === 'Slash');
      const letterT = event.key.toLowerCase() === 't' || (!/^[a-z]$/i.test(event.key) && event.code === 'KeyT');
      if (command && slash) openShortcuts();
      else if (command && event.shiftKey && letterT) reopenClosedTab();
      else if (event.ctrlKey && !event.altKey && !event.metaKey && event.key === 'Tab') moveTab(event.shiftKey ? -1 : 1);
      else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTextEntry(event.target) && !(event.target instanceof HTMLElement && event.target.closest('dialog'))) openShortcuts();
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [openShortcuts, reopenClosedTab, moveTab]);
}
