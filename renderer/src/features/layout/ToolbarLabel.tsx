import type { ReactElement } from 'react';

/**
 * Small line drawings for toolbar buttons, in the text's colour. Drawn, not emoji: emoji show as
 * empty boxes where no emoji font is installed.
 */
const drawings = {
  // A notebook with a plus at its corner.
  newNotebook: (
    <>
      <path d="M11.5 7V2.5a1 1 0 0 0-1-1h-7a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1H8" />
      <path d="M5 1.5v13" />
      <path d="M12.5 9.5v5M10 12h5" />
    </>
  ),
  // A clock: the notebooks opened lately.
  recent: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  // Indented lines: formatting.
  format: <path d="M2 3.5h12M5 6.5h9M5 9.5h9M2 12.5h12" />,
  // A page with a folded corner: the File menu.
  file: (
    <>
      <path d="M9.5 1.5H4a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V5z" />
      <path d="M9.5 1.5V5H13" />
    </>
  ),
  chevron: <path d="M4 6l4 4 4-4" />,
} satisfies Record<string, ReactElement>;

export type ToolbarIconName = keyof typeof drawings;

/** Drawings that point along the line of text, turned over in right-to-left layouts. */
const directional: ReadonlySet<ToolbarIconName> = new Set(['newNotebook', 'format', 'file']);

export function ToolbarIcon({ name, compactOnly = false }: { name: ToolbarIconName; compactOnly?: boolean }) {
  return (
    <svg
      className={`toolbar-icon${directional.has(name) ? ' toolbar-icon--directional' : ''}${compactOnly ? ' toolbar-icon--compact-only' : ''}`}
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {drawings[name]}
    </svg>
  );
}

/**
 * A toolbar button's face: its words, or, in a toolbar made compact for want of room
 * (`.toolbar--compact`, useCompactToolbar), its drawing. The button carries the words as its
 * accessible name and title, so they are said and shown on hover either way.
 */
export function ToolbarLabel({ icon, text }: { icon: ToolbarIconName; text: string }) {
  return (
    <>
      <ToolbarIcon name={icon} compactOnly />
      <span className="toolbar-label">{text}</span>
    </>
  );
}
