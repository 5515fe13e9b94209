import { Fragment, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { MessageKey } from '../../../../shared/i18n/translate';
import { t } from '../../i18n/i18n';
import { shortcutGroups, type Key, type KeyName } from './shortcutList';
import './keyboard.css';

const keyNames: Record<KeyName, MessageKey> = {
  ctrl: 'key.ctrl',
  shift: 'key.shift',
  alt: 'key.alt',
  enter: 'key.enter',
  tab: 'key.tab',
  esc: 'key.esc',
  delete: 'key.delete',
  home: 'key.home',
  end: 'key.end',
  pageUp: 'key.pageUp',
  pageDown: 'key.pageDown',
  space: 'key.space',
  upDown: 'key.upDown',
  leftRight: 'key.leftRight',
  arrows: 'key.arrows',
  doubleClick: 'key.doubleClick',
};

/** On a Mac, Ctrl in the app's shortcuts is the Command key (Monaco's CtrlCmd, the grid's metaKey). */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function keyText(key: Exclude<Key, { then: true }>): string {
  if ('char' in key) return key.char;
  return key.name === 'ctrl' && isMac ? '⌘' : t(keyNames[key.name]);
}

/** One combination, pressed together: Ctrl + Shift + T; a chord's steps are separated by a space. */
function Combination({ keys }: { keys: readonly Key[] }) {
  return (
    <kbd className="shortcut-keys" dir="ltr">
      {keys.map((key, i) =>
        'then' in key ? (
          <span key={i} className="shortcut-then">{' '}</span>
        ) : (
          <Fragment key={i}>
            {i > 0 && !('then' in (keys[i - 1] ?? {})) ? <span aria-hidden="true">+</span> : null}
            <kbd>{keyText(key)}</kbd>
          </Fragment>
        ),
      )}
    </kbd>
  );
}

/**
 * The shortcuts sheet (Ctrl+/ or ?): every shortcut, by where it works. A modal dialog with its
 * own name; Tab and Shift+Tab stay inside it, Esc or Close closes it and focus returns where it was.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      element.querySelector<HTMLElement>('.shortcuts-body')?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  // A modal dialog keeps the page inert, but Tab past its last control would leave for the
  // browser's own controls: it goes round inside the dialog instead.
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab') return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('button, [tabindex="0"]')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      last.focus();
      event.preventDefault();
    } else if (!event.shiftKey && document.activeElement === last) {
      first.focus();
      event.preventDefault();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="shortcuts-dialog"
      aria-labelledby={titleId}
      onKeyDown={trapTab}
      onClose={() => {
        onClose();
        returnTo.current?.focus();
        returnTo.current = null;
      }}
    >
      <h2 id={titleId}>{t('shortcuts.title')}</h2>
      {/* Focusable, so the keyboard can scroll it (and it is where focus starts). */}
      <div className="shortcuts-body" tabIndex={0} role="region" aria-labelledby={titleId}>
        {open
          ? shortcutGroups.map((group) => (
              <table key={group.title} className="shortcuts-table">
                <caption>{t(group.title)}</caption>
                <tbody>
                  {group.shortcuts.map((shortcut) => (
                    <tr key={shortcut.action}>
                      <th scope="row">{t(shortcut.action)}</th>
                      <td>
                        {((isMac ? shortcut.macKeys : undefined) ?? shortcut.keys).map((combination, i) => (
                          <Fragment key={i}>
                            {i > 0 ? <span className="shortcut-or">{` ${t('shortcuts.or')} `}</span> : null}
                            <Combination keys={combination} />
                          </Fragment>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))
          : null}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
