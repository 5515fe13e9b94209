import type { ReactNode } from 'react';
import { TabRow, type RowTab } from '../layout/TabRow';
import { useCompactToolbar } from '../layout/useCompactToolbar';

/**
 * The editor's toolbar, on one row: the tab row (its strip of tabs, the pinned tabs, its actions),
 * then the editor's own actions. The strip is what gives way; when even one tab would no longer
 * fit, the toolbar turns compact and the buttons with a drawing show it instead of their words.
 */
export function EditorToolbar({
  label,
  tabs,
  pinned,
  tabActions,
  children,
}: {
  label: string;
  tabs: readonly RowTab[];
  pinned: readonly RowTab[];
  tabActions: ReactNode;
  /** The editor's actions (Run, Run all…), at the row's end. */
  children: ReactNode;
}) {
  const { toolbar, row, strip, compact } = useCompactToolbar();
  return (
    <div ref={toolbar} className={`editor-toolbar${compact ? ' toolbar--compact' : ''}`}>
      <div ref={row} className="editor-tab-strips">
        <TabRow label={label} tabs={tabs} pinned={pinned} actions={tabActions} stripRef={strip} />
      </div>
      {children}
    </div>
  );
}
