import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { NativeSettingsBody } from '../../../../shared/contract/hostApi';
import { memoryProblem, threadsProblem, type NativeSettingsProblem } from '../../../../shared/engine/nativeSettingsRules';
import { t } from '../../i18n/i18n';

/** A refused value's reason under its field, tied to it by aria-describedby. */
function FieldProblem({ id, problem }: { id: string; problem: NativeSettingsProblem | null }) {
  return (
    <span id={id} className="field-problem" aria-live="polite">
      {problem ? t(problem.key, problem.params) : null}
    </span>
  );
}

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
  /** Reasons show once a field was changed or Save was pressed, not while the dialog opens empty. */
  const [checked, setChecked] = useState({ memory: false, threads: false });
  const memoryProblemId = useId();
  const threadsProblemId = useId();
  const memoryInput = useRef<HTMLInputElement>(null);
  const threadsInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setMemoryGb(settings ? String(Math.round((megabytesOf(settings.memoryLimit) / 1024) * 10) / 10) : '');
      setThreads(settings ? String(settings.threads) : '');
      setChecked({ memory: false, threads: false });
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open, settings]);

  const memoryMb = Math.round(Number(memoryGb) * 1024);
  const threadCount = Number(threads);
  const memoryRefused = memoryProblem(memoryGb);
  const threadsRefused = threadsProblem(threads);
  const shownMemoryProblem = checked.memory ? memoryRefused : null;
  const shownThreadsProblem = checked.threads ? threadsRefused : null;

  // Save stays enabled: pressing it with a refused value says why and goes to the field.
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setChecked({ memory: true, threads: true });
    if (memoryRefused) memoryInput.current?.focus();
    else if (threadsRefused) threadsInput.current?.focus();
    else onSave({ memoryLimit: `${memoryMb}MiB`, threads: threadCount });
  };

  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('settings.title')}</h2>
        <p className="muted">{t('settings.explain')}</p>
        <label>
          {t('settings.memory')}
          <input
            ref={memoryInput}
            type="number"
            step="any"
            inputMode="decimal"
            value={memoryGb}
            aria-invalid={shownMemoryProblem ? true : undefined}
            aria-describedby={memoryProblemId}
            onChange={(e) => {
              setMemoryGb(e.target.value);
              setChecked((c) => ({ ...c, memory: true }));
            }}
          />
          <FieldProblem id={memoryProblemId} problem={shownMemoryProblem} />
        </label>
        <label>
          {t('settings.threads')}
          <input
            ref={threadsInput}
            type="number"
            step={1}
            inputMode="numeric"
            value={threads}
            aria-invalid={shownThreadsProblem ? true : undefined}
            aria-describedby={threadsProblemId}
            onChange={(e) => {
              setThreads(e.target.value);
              setChecked((c) => ({ ...c, threads: true }));
            }}
          />
          <FieldProblem id={threadsProblemId} problem={shownThreadsProblem} />
        </label>
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('settings.save')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
