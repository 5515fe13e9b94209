import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { NativeSettingsBody } from '../../../../shared/contract/hostApi';
import { t } from '../../i18n/i18n';

/** Mebibytes in a memory limit as the host gives it ('8GiB', '512MiB'). */
function megabytesOf(memoryLimit: string): number {
  const match = /^(\d+)(MiB|GiB)$/.exec(memoryLimit);
  if (!match) return 0;
  return Number(match[1]) * (match[2] === 'GiB' ? 1024 : 1);
}

/**
 * The native engine's resources: how much memory DuckDB may use before it spills to disk (in the
 * app's data folder), and how many threads it runs queries on.
 */
export function NativeSettingsDialog({
  open,
  settings,
  onSave,
  onClose,
}: {
  open: boolean;
  settings: NativeSettingsBody | null;
  onSave(settings: NativeSettingsBody): void;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [memoryGb, setMemoryGb] = useState('');
  const [threads, setThreads] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setMemoryGb(settings ? String(Math.round((megabytesOf(settings.memoryLimit) / 1024) * 10) / 10) : '');
      setThreads(settings ? String(settings.threads) : '');
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open, settings]);

  const memoryMb = Math.round(Number(memoryGb) * 1024);
  const threadCount = Number(threads);
  const valid = Number.isFinite(memoryMb) && memoryMb >= 256 && Number.isInteger(threadCount) && threadCount >= 1 && threadCount <= 1024;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid) onSave({ memoryLimit: `${memoryMb}MiB`, threads: threadCount });
  };

  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('settings.title')}</h2>
        <p className="muted">{t('settings.explain')}</p>
        <label>
          {t('settings.memory')}
          <input type="number" min={0.25} step="any" inputMode="decimal" value={memoryGb} onChange={(e) => setMemoryGb(e.target.value)} required />
        </label>
        <label>
          {t('settings.threads')}
          <input type="number" min={1} max={1024} step={1} inputMode="numeric" value={threads} onChange={(e) => setThreads(e.target.value)} required />
        </label>
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            {t('settings.save')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
