/**
 * Copying from the grid: a cell's text or a row as tab-separated values, to the clipboard, and the
 * short "copied" status that follows.
 */
import { useEffect, useState } from 'react';
import { delimitedField } from '../../../../shared/formats/resultText';

const COPIED_STATUS_MS = 1500;

/** A row tab-separated, quoted as the result's TSV copy quotes it, so tabs/newlines in values survive a paste. */
export function rowAsTsv(values: readonly string[]): string {
  return values.map((value) => delimitedField(value, '\t')).join('\t');
}

/** Whether the user selected text inside `element` with the mouse: the browser copies that itself. */
export function selectionInside(element: Element): boolean {
  const selection = document.getSelection();
  return !!selection && !selection.isCollapsed && !!selection.anchorNode && element.contains(selection.anchorNode);
}

export interface GridCopy {
  /** Whether something was copied a moment ago (the status line says so). */
  copied: boolean;
  /** Writes the text to the clipboard; the status and `onCopy` follow only if it was written. */
  copy(text: string): void;
  /** Says that the text was copied another way (into a copy event's clipboardData). */
  announce(text: string): void;
}

/** Copies for the grid; `onCopy` hears each copied text (the caller shows a toast). */
export function useGridCopy(onCopy: ((text: string) => void) | undefined): GridCopy {
  const [copiedCount, setCopiedCount] = useState(0);
  useEffect(() => {
    if (copiedCount === 0) return;
    const timer = setTimeout(() => setCopiedCount(0), COPIED_STATUS_MS);
    return () => clearTimeout(timer);
  }, [copiedCount]);

  const announce = (text: string): void => {
    setCopiedCount((count) => count + 1);
    onCopy?.(text);
  };
  const copy = (text: string): void => {
    // No fallback on failure: a missing "copied" notice is the honest signal that nothing was copied.
    navigator.clipboard.writeText(text).then(
      () => announce(text),
      () => undefined,
    );
  };
  return { copied: copiedCount > 0, copy, announce };
}
