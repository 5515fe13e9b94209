import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import './toolbar.css';

/** One entry of a menu: a command, or a switch that shows its state (menuitemcheckbox). */
export interface MenuAction {
  id: string;
  /** The visible label. */
  label: ReactNode;
  /** The accessible name, where the label alone would not say enough (the table it acts on). */
  accessibleName?: string;
  disabled?: boolean;
  /** Present for a switch: its state. */
  checked?: boolean;
  /** With `checked`: one choice among the menu's items (menuitemradio), not a switch. */
  radio?: boolean;
  /** Opens a dialog (the button and menu item say so with aria-haspopup). */
  opensDialog?: boolean;
  onSelect(): void;
}

/**
 * A menu button as WAI-ARIA's menu button pattern describes it: `aria-haspopup="menu"` and
 * `aria-expanded`; Enter, Space or ArrowDown open it on the first item, ArrowUp on the last;
 * arrows, Home and End move inside it; Esc closes it and gives focus back to the button; Tab
 * closes it and moves on; a click outside closes it.
 */
export function MenuButton({
  label,
  content,
  actions,
  menuLabel = label,
  className,
}: {
  label: string;
  content: ReactNode;
  actions: readonly MenuAction[];
  /** The menu's own name, where the button's says more (how many tabs are hidden). */
  menuLabel?: string;
  /** Extra classes on the button's box. */
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const [place, setPlace] = useState<CSSProperties>({});
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (open) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  const openAt = (index: number): void => {
    // The menu is fixed to the window (toolbars clip what overflows them), under the button or, near
    // the window's end, above it; its inline end on the button's.
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) {
      const rtl = getComputedStyle(buttonRef.current as Element).direction === 'rtl';
      const below = window.innerHeight - rect.bottom > Math.min(260, rect.top);
      setPlace({
        insetInlineEnd: Math.max(0, rtl ? rect.left : window.innerWidth - rect.right),
        ...(below ? { insetBlockStart: rect.bottom + 2 } : { insetBlockEnd: window.innerHeight - rect.top + 2 }),
      });
    }
    setFocusIndex(Math.max(0, Math.min(actions.length - 1, index)));
    setOpen(true);
  };
  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown') openAt(0);
    else if (event.key === 'ArrowUp') openAt(actions.length - 1);
    else return;
    event.preventDefault();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const last = actions.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        setFocusIndex((index) => (index >= last ? 0 : index + 1));
        break;
      case 'ArrowUp':
        setFocusIndex((index) => (index <= 0 ? last : index - 1));
        break;
      case 'Home':
        setFocusIndex(0);
        break;
      case 'End':
        setFocusIndex(last);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const select = (action: MenuAction): void => {
    if (action.disabled) return;
    close(true);
    action.onSelect();
  };

  return (
    <span className={className ? `menu-button ${className}` : 'menu-button'}>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={label}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {content}
      </button>
      {open ? (
        <div ref={menuRef} id={menuId} role="menu" aria-label={menuLabel} className="menu-button__menu" style={place} onKeyDown={onMenuKeyDown}>
          {actions.map((action, index) => (
            <button
              key={action.id}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role={action.checked === undefined ? 'menuitem' : action.radio ? 'menuitemradio' : 'menuitemcheckbox'}
              aria-checked={action.checked}
              aria-disabled={action.disabled ? true : undefined}
              aria-haspopup={action.opensDialog ? 'dialog' : undefined}
              aria-label={action.accessibleName}
              // Roving focus: only the focused item is in the Tab order while the menu is open.
              tabIndex={index === focusIndex ? 0 : -1}
              className="menu-button__item"
              onClick={() => select(action)}
              onFocus={() => setFocusIndex(index)}
            >
              {action.checked !== undefined ? (
                <span aria-hidden="true" className="menu-button__check">
                  {action.checked ? '✓' : ''}
                </span>
              ) : null}
              {action.label}
            </button>
          ))}
        </div>
      ) : null}
    </span>
  );
}
