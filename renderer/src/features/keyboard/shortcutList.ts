import type { MessageKey } from '../../../../shared/i18n/translate';

/**
 * Every keyboard shortcut of the workbench, for the shortcuts sheet: one list, so a shortcut added
 * to a feature is added here, where users look for it. A key is either a key name to translate
 * (`key.*` messages) or a character shown as is.
 */
export type KeyName = 'ctrl' | 'shift' | 'alt' | 'enter' | 'tab' | 'esc' | 'delete' | 'home' | 'end' | 'pageUp' | 'pageDown' | 'space' | 'upDown' | 'leftRight' | 'arrows' | 'doubleClick';
/** `then`: a chord's next step (Ctrl+K, then Ctrl+C). */
export type Key = { name: KeyName } | { char: string } | { then: true };
export interface Shortcut {
  /** Alternatives ("Ctrl+/ or ?"); each is a combination pressed together. */
  keys: readonly (readonly Key[])[];
  /** Where a Mac differs by more than Cmd for Ctrl (Monaco binds Tab focus to Control+Shift+M there). */
  macKeys?: readonly (readonly Key[])[];
  action: MessageKey;
}
export interface ShortcutGroup {
  title: MessageKey;
  shortcuts: readonly Shortcut[];
}

const k = (name: KeyName): Key => ({ name });
const c = (char: string): Key => ({ char });
const ctrl = k('ctrl');
const shift = k('shift');
const then: Key = { then: true };

export const shortcutGroups: readonly ShortcutGroup[] = [
  {
    title: 'shortcuts.group.everywhere',
    shortcuts: [
      { keys: [[ctrl, c('/')], [c('?')]], action: 'shortcuts.sheet' },
      { keys: [[ctrl, shift, c('T')]], action: 'shortcuts.reopenTab' },
    ],
  },
  {
    title: 'shortcuts.group.editor',
    shortcuts: [
      { keys: [[ctrl, k('enter')]], action: 'shortcuts.run' },
      { keys: [[shift, ctrl, k('enter')]], action: 'shortcuts.runAll' },
      { keys: [[ctrl, c('S')]], action: 'sqlFile.saveShortcut' },
      { keys: [[k('tab')], [shift, k('tab')]], action: 'shortcuts.indent' },
      { keys: [[ctrl, c('M')]], macKeys: [[c('⌃'), shift, c('M')]], action: 'shortcuts.tabFocus' },
      { keys: [[ctrl, k('space')]], action: 'shortcuts.complete' },
      { keys: [[ctrl, c('F')], [ctrl, c('H')]], action: 'shortcuts.find' },
      { keys: [[ctrl, c('G')]], action: 'shortcuts.gotoLine' },
      { keys: [[ctrl, c('K'), then, ctrl, c('C')], [ctrl, c('K'), then, ctrl, c('U')]], action: 'shortcuts.comment' },
      { keys: [[c('F1')]], action: 'shortcuts.commands' },
    ],
  },
  {
    title: 'shortcuts.group.tabs',
    shortcuts: [
      { keys: [[k('leftRight')]], action: 'shortcuts.tabMove' },
      { keys: [[k('home')], [k('end')]], action: 'shortcuts.tabEnds' },
      { keys: [[ctrl, k('tab')], [ctrl, shift, k('tab')]], action: 'shortcuts.tabNext' },
      { keys: [[c('F2')], [k('doubleClick')]], action: 'shortcuts.tabRename' },
      { keys: [[k('delete')]], action: 'shortcuts.tabClose' },
    ],
  },
  {
    title: 'shortcuts.group.catalog',
    shortcuts: [
      { keys: [[k('upDown')], [k('home')], [k('end')]], action: 'shortcuts.treeMove' },
      { keys: [[k('leftRight')]], action: 'shortcuts.treeExpand' },
      { keys: [[k('enter')], [k('doubleClick')]], action: 'shortcuts.openTable' },
    ],
  },
  {
    title: 'shortcuts.group.history',
    shortcuts: [
      { keys: [[k('upDown')], [k('home')], [k('end')], [k('pageUp')], [k('pageDown')]], action: 'shortcuts.historyMove' },
      { keys: [[k('enter')]], action: 'shortcuts.historyOpen' },
      { keys: [[shift, k('enter')]], action: 'shortcuts.historyOpenOther' },
    ],
  },
  {
    title: 'shortcuts.group.results',
    shortcuts: [
      { keys: [[k('arrows')], [k('pageUp')], [k('pageDown')], [k('home')], [k('end')]], action: 'shortcuts.gridMove' },
      { keys: [[ctrl, k('home')], [ctrl, k('end')]], action: 'shortcuts.gridEnds' },
      { keys: [[ctrl, c('C')]], action: 'shortcuts.copyCell' },
      { keys: [[shift, ctrl, c('C')]], action: 'shortcuts.copyRow' },
      { keys: [[k('enter')], [k('doubleClick')]], action: 'shortcuts.viewValue' },
      { keys: [[k('esc')]], action: 'shortcuts.closeValue' },
    ],
  },
  {
    title: 'shortcuts.group.panes',
    shortcuts: [
      { keys: [[k('arrows')], [k('pageUp')], [k('pageDown')], [k('home')], [k('end')]], action: 'shortcuts.splitter' },
    ],
  },
  {
    title: 'shortcuts.group.notebook',
    shortcuts: [{ keys: [[shift, k('enter')]], action: 'shortcuts.notebookRun' }],
  },
];
