import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/i18n';

/**
 * A tab's name edited in place (F2 or a double-click): Enter keeps the new name, Esc the old one,
 * and leaving the box keeps what was typed, as in VS Code. `onDone` gets null for Esc.
 */
export function TabRenameBox({ title, onDone }: { title: string; onDone(title: string | null): void }) {
  const [value, setValue] = useState(title);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (result: string | null): void => {
    if (done.current) return;
    done.current = true;
    onDone(result);
  };
  return (
    <input
      ref={input}
      className="editor-tab-rename"
      aria-label={t('tabs.rename', { name: title })}
      value={value}
      maxLength={200}
      size={Math.max(8, value.length + 1)}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(value);
        else if (event.key === 'Escape') finish(null);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
      onBlur={() => finish(value)}
    />
  );
}
