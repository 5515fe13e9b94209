import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TreeNode {
  id: string;
  label: ReactNode;
  /** Words read before the label but not shown (e.g. "Load"), so the action is in the item's name. */
  spokenPrefix?: string;
  detail?: string;
  children?: TreeNode[];
  onActivate?: () => void;
  /** A click only selects the item and a double-click (or Enter) activates it, as a table opens in an IDE. */
  activateOnDoubleClick?: boolean;
}

interface VisibleNode {
  node: TreeNode;
  level: number;
  parentId: string | null;
  setSize: number;
  position: number;
}

function flatten(nodes: TreeNode[], expanded: ReadonlySet<string>, level = 1, parentId: string | null = null): VisibleNode[] {
  return nodes.flatMap((node, index) => [
    { node, level, parentId, setSize: nodes.length, position: index + 1 },
    ...(node.children && expanded.has(node.id) ? flatten(node.children, expanded, level + 1, node.id) : []),
  ]);
}

/**
 * An ARIA tree with the keyboard model users know from file trees: Up/Down move, Right opens or
 * goes to the first child, Left closes or goes to the parent, Home/End, Enter activates.
 * Rendered flat (aria-level, aria-setsize) so focus moves without walking nested lists.
 */
export function TreeView({
  nodes,
  label,
  initiallyExpanded,
  onFocusChange,
}: {
  nodes: TreeNode[];
  label: string;
  initiallyExpanded: string[];
  /** Told which item has focus, for actions that apply to it (profiling a table). */
  onFocusChange?: (id: string) => void;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(initiallyExpanded));
  const [focusedId, setFocused] = useState<string | null>(null);
  const setFocusedId = (id: string): void => {
    setFocused(id);
    onFocusChange?.(id);
  };
  const itemRefs = useRef(new Map<string, HTMLDivElement>());
  const visible = useMemo(() => flatten(nodes, expanded), [nodes, expanded]);
  const focusedIndex = Math.max(0, visible.findIndex((v) => v.node.id === focusedId));

  const focusAt = (index: number): void => {
    const target = visible[Math.min(Math.max(index, 0), visible.length - 1)];
    if (!target) return;
    setFocusedId(target.node.id);
    itemRefs.current.get(target.node.id)?.focus();
  };
  const toggle = (id: string, open: boolean): void =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent, item: VisibleNode, index: number): void => {
    const hasChildren = (item.node.children?.length ?? 0) > 0;
    const isOpen = expanded.has(item.node.id);
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const key = rtl && event.key === 'ArrowLeft' ? 'ArrowRight' : rtl && event.key === 'ArrowRight' ? 'ArrowLeft' : event.key;
    switch (key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(visible.length - 1);
        break;
      case 'ArrowRight':
        if (hasChildren && !isOpen) toggle(item.node.id, true);
        else if (hasChildren) focusAt(index + 1);
        break;
      case 'ArrowLeft':
        if (hasChildren && isOpen) toggle(item.node.id, false);
        else if (item.parentId) focusAt(visible.findIndex((v) => v.node.id === item.parentId));
        break;
      case 'Enter':
      case ' ':
        if (item.node.onActivate) item.node.onActivate();
        else if (hasChildren) toggle(item.node.id, !isOpen);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div role="tree" aria-label={label} className="tree">
      {visible.map((item, index) => {
        const hasChildren = (item.node.children?.length ?? 0) > 0;
        const isOpen = expanded.has(item.node.id);
        return (
          <div
            key={item.node.id}
            ref={(element) => {
              if (element) itemRefs.current.set(item.node.id, element);
              else itemRefs.current.delete(item.node.id);
            }}
            role="treeitem"
            aria-level={item.level}
            aria-setsize={item.setSize}
            aria-posinset={item.position}
            aria-expanded={hasChildren ? isOpen : undefined}
            aria-selected={item.node.id === focusedId}
            tabIndex={index === focusedIndex ? 0 : -1}
            className="tree-item"
            style={{ paddingInlineStart: `${(item.level - 1) * 16 + 4}px` }}
            onKeyDown={(event) => onKeyDown(event, item, index)}
            onFocus={() => setFocusedId(item.node.id)}
            onClick={(event) => {
              setFocusedId(item.node.id);
              // An item opened by a double-click is only selected by a click; its arrow still opens it.
              const onTwisty = event.target instanceof Element && event.target.closest('.tree-twisty') !== null;
              if (item.node.activateOnDoubleClick) {
                if (hasChildren && onTwisty) toggle(item.node.id, !isOpen);
              } else if (item.node.onActivate) item.node.onActivate();
              else if (hasChildren) toggle(item.node.id, !isOpen);
            }}
            onDoubleClick={() => {
              if (item.node.activateOnDoubleClick) item.node.onActivate?.();
            }}
          >
            <span className="tree-twisty" aria-hidden="true">
              {hasChildren ? (isOpen ? '▾' : '▸') : ''}
            </span>
            {/* The name comes from the visible text (WCAG "label in name"); hidden words only add to it. */}
            {item.node.spokenPrefix ? <span className="visually-hidden">{`${item.node.spokenPrefix} `}</span> : null}
            {/* Names (tables, columns, files) are isolated: a Latin name keeps its order in Arabic text. */}
            <bdi className="tree-label" title={typeof item.node.label === 'string' ? item.node.label : undefined}>
              {item.node.label}
            </bdi>
            {item.node.detail ? <bdi className="tree-detail">{item.node.detail}</bdi> : null}
          </div>
        );
      })}
    </div>
  );
}
