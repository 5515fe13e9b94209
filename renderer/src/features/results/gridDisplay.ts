/**
 * The grid's "numbers and dates in my language" option (shared/values/localeCellText.ts), kept in
 * this browser's storage so it survives a restart. Off by default: the grid shows DuckDB's exact
 * text, which is also what every copy and export holds, whatever the option says.
 */
import { useSyncExternalStore } from 'react';
import type { FormattedCell } from '../../../../shared/values/cellFormat';
import { localeCellText } from '../../../../shared/values/localeCellText';
import { intlLocale } from '../../i18n/i18n';

const storageKey = 'datalab.grid.localeNumbers';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(storageKey) === 'on';
  } catch {
    return false;
  }
}

let localeNumbers = read();

export function setLocaleNumbers(on: boolean): void {
  localeNumbers = on;
  try {
    localStorage.setItem(storageKey, on ? 'on' : 'off');
  } catch {
    // Storage refused (private window, quota): the choice lasts until the page closes.
  }
  for (const listener of listeners) listener();
}

/** Whether the option is on, re-rendering the caller when it changes. */
export function useLocaleNumbers(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => localeNumbers,
  );
}

/** What a cell shows with the option on, in the page's current language. */
export function localeDisplay(cell: FormattedCell): string {
  return localeCellText(cell, intlLocale());
}
