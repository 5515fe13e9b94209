import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref, type WheelEvent } from 'react';
import { t } from '../../i18n/i18n';
import { MenuButton } from './MenuButton';
import { ToolbarIcon } from './ToolbarLabel';
import { stripOverflowOnlyClass } from './useCompactToolbar';
import './tabRow.css';

/** One tab of the row, whatever it shows (a query, a notebook, the Lab): all behave alike. */
export interface RowTab {
  /** Unique in the row and stable while the tab is open; its element's id is made from it (rowTabId). */
  key: string;
  /** What the tab shows, here and in the "All tabs" menu. */
  label: ReactNode;
  /** Its accessible name, where it says more than the label (preview, unsaved): the label's words first. */
  accessibleName?: string;
  title?: string;
  /** Its panel is the one shown. Exactly one tab of the row is selected. */
  selected: boolean;
  /** The id of the element the tab shows (aria-controls, set while it is selected: only then is that element in the page). */
  panelId: string;
  /** Extra classes on the tab's box (`editor-tab--preview`). */
  className?: string;
  onSelect(): void;
  /** A tab that closes: Delete on it, the row's Close tab button, or a × for the mouse. */
  close?: { run(): void; title: string };
  /** F2 or a double-click. */
  onRename?(): void;
  /** Shown in the tab's place while its name is edited. */
  editing?: ReactNode;
}

/** The DOM id of a tab's element: for aria-labelledby on its panel, and for focus. */
export function rowTabId(key: string): string {
  return `row-tab-${key.replace(/[^A-Za-z0-9_-]/gu, '_')}`;
}

/** Where the strip's tabs are out of sight: how many, and on which side, for the fades and the menu. */
interface StripOverflow {
  hidden: number;
  start: boolean;
  end: boolean;
}

const noOverflow: StripOverflow = { hidden: 0, start: false, end: false };

/** What the strip keeps beside a tab it scrolls into view: the width of its fade, so the tab is whole. */
const revealMarginPx = 20;

/**
 * The editor's row of tabs, as browsers and VS Code draw theirs: one ARIA tablist (one Tab stop;
 * arrows, Home and End move and select, Delete closes, F2 renames) in which the open documents'
 * tabs scroll in a strip that gives way to everything else, while the pinned tabs (the Lab's) and
 * the row's actions stay whole at its end. When the strip hides tabs, its edges fade on the hidden
 * side and an "All tabs" menu button (with the number hidden) lists every tab; the selected tab is
 * always scrolled into view.
 */
export function TabRow({
  label,
  tabs,
  pinned,
  actions,
  stripRef,
}: {
  /** The tablist's name. */
  label: string;
  /** The tabs that scroll: queries and notebooks, in order. */
  tabs: readonly RowTab[];
  /** The tabs that never leave the row, after the strip. */
  pinned: readonly RowTab[];
  /** The row's buttons (new tab, close tab…), after the tabs. */
  actions: ReactNode;
  /** The scrolling strip, for a toolbar that measures the room it has (useCompactToolbar). */
  stripRef?: Ref<HTMLDivElement>;
}) {
  const all = [...tabs, ...pinned];
  const strip = useRef<HTMLDivElement | null>(null);
  const [overflow, setOverflow] = useState<StripOverflow>(noOverflow);
  const setStrip = useCallback(
    (element: HTMLDivElement | null) => {
      strip.current = element;
      if (typeof stripRef === 'function') stripRef(element);
      else if (stripRef) stripRef.current = element;
    },
    [stripRef],
  );

  const focusTab = (key: string): void => document.getElementById(rowTabId(key))?.focus();

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const tab = all[index];
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    let next: number | null = null;
    if (step !== 0) next = (index + (rtl ? -step : step) + all.length) % all.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = all.length - 1;
    else if (event.key === 'Delete' && tab?.close) tab.close.run();
    else if (event.key === 'F2' && tab?.onRename) tab.onRename();
    else return;
    event.preventDefault();
    const target = next === null ? undefined : all[next];
    if (target) {
      target.onSelect();
      focusTab(target.key);
    }
  };

  // Which tabs the strip hides, measured when it scrolls, when its size or its tabs' change.
  const measure = useCallback(() => {
    const element = strip.current;
    if (!element) return;
    const box = element.getBoundingClientRect();
    let hidden = 0;
    for (const child of element.children) {
      const rect = child.getBoundingClientRect();
      if (rect.left < box.left - 1 || rect.right > box.right + 1) hidden++;
    }
    // scrollLeft runs from 0 at the strip's start: positive in left-to-right text, negative in right-to-left.
    const scrolled = Math.abs(element.scrollLeft);
    const start = scrolled > 1;
    const end = scrolled + element.clientWidth < element.scrollWidth - 1;
    setOverflow((previous) => (previous.hidden === hidden && previous.start === start && previous.end === end ? previous : { hidden, start, end }));
  }, []);

  // The selected tab whole in the strip (a pinned tab is always in sight).
  const selectedKey = all.find((tab) => tab.selected)?.key;
  const reveal = useCallback(() => {
    const element = strip.current;
    const tab = selectedKey ? document.getElementById(rowTabId(selectedKey))?.closest('.editor-tab') : null;
    if (!element || !tab || tab.parentElement !== element) return;
    const box = element.getBoundingClientRect();
    const rect = tab.getBoundingClientRect();
    // Physical pixels: scrollLeft grows rightwards in both directions.
    if (rect.left < box.left + revealMarginPx) element.scrollLeft -= box.left + revealMarginPx - rect.left;
    else if (rect.right > box.right - revealMarginPx) element.scrollLeft += rect.right - (box.right - revealMarginPx);
  }, [selectedKey]);

  useLayoutEffect(() => {
    reveal();
    measure();
  }, [reveal, measure]);

  const tabKeys = tabs.map((tab) => tab.key).join('\n');
  useLayoutEffect(() => {
    const element = strip.current;
    if (!element) return;
    let width = element.clientWidth;
    const sizes = new ResizeObserver(() => {
      // Narrower (the window, or the row's other buttons grew): the selected tab stays in sight.
      if (element.clientWidth !== width) {
        width = element.clientWidth;
        reveal();
      }
      measure();
    });
    sizes.observe(element);
    for (const child of element.children) sizes.observe(child);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      sizes.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [tabKeys, measure, reveal]);

  // The strip scrolls only from here (its overflow is hidden, tabRow.css): a mouse wheel scrolls it
  // sideways, towards its end when turned down (as browsers' tab strips do), and a touchpad's
  // sideways swipe scrolls it the way the fingers go.
  const onWheel = (event: WheelEvent<HTMLDivElement>): void => {
    const element = event.currentTarget;
    if ((event.deltaX === 0 && event.deltaY === 0) || element.scrollWidth <= element.clientWidth) return;
    if (Math.abs(event.deltaX) >= Math.abs(event.deltaY)) {
      element.scrollLeft += event.deltaX;
      return;
    }
    const rtl = getComputedStyle(element).direction === 'rtl';
    element.scrollLeft += rtl ? -event.deltaY : event.deltaY;
  };

  const renderTab = (tab: RowTab, index: number) => (
    <span key={tab.key} role="none" className={`editor-tab${tab.selected ? ' active' : ''}${tab.className ? ` ${tab.className}` : ''}`}>
      {tab.editing ?? (
        <button
          type="button"
          role="tab"
          id={rowTabId(tab.key)}
          aria-selected={tab.selected}
          aria-controls={tab.selected ? tab.panelId : undefined}
          aria-label={tab.accessibleName}
          title={tab.title}
          // One Tab stop: the selected tab (or the first, should none be).
          tabIndex={tab.selected || (selectedKey === undefined && index === 0) ? 0 : -1}
          onClick={tab.onSelect}
          onDoubleClick={tab.onRename}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </button>
      )}
      {/* A mouse shortcut only: a tablist may hold nothing but tabs, so keyboard and screen-reader
          users close a tab with Delete or the row's Close tab button. */}
      {tab.close ? (
        <button type="button" className="tab-close" aria-hidden="true" tabIndex={-1} title={tab.close.title} onClick={tab.close.run}>
          ×
        </button>
      ) : null}
    </span>
  );

  return (
    <>
      <div role="tablist" aria-label={label} className="tab-row">
        <div
          ref={setStrip}
          className={`tab-row__strip${overflow.start ? ' tab-row__strip--more-start' : ''}${overflow.end ? ' tab-row__strip--more-end' : ''}`}
          onWheel={onWheel}
        >
          {tabs.map((tab, index) => renderTab(tab, index))}
        </div>
        {pinned.length > 0 ? <div className="tab-row__pinned">{pinned.map((tab, index) => renderTab(tab, tabs.length + index))}</div> : null}
      </div>
      {overflow.hidden > 0 ? (
        <MenuButton
          className={stripOverflowOnlyClass}
          label={t('tabs.allHidden', { count: overflow.hidden })}
          menuLabel={t('tabs.all')}
          content={
            <span className="tab-row__all">
              {String(overflow.hidden)}
              <ToolbarIcon name="chevron" />
            </span>
          }
          actions={all.map((tab) => ({
            id: tab.key,
            label: tab.label,
            accessibleName: tab.accessibleName,
            checked: tab.selected,
            radio: true,
            onSelect: () => {
              tab.onSelect();
              focusTab(tab.key);
            },
          }))}
        />
      ) : null}
      {actions}
    </>
  );
}
