/**
 * A runnable cell's run buttons: Run, Run above (the cells above it and itself), Run below (itself
 * and the cells below it), Cancel. Each names its cell, for screen readers and keyboard users.
 */
import { t } from '../../i18n/i18n';

export interface CellRunActionsProps {
  /** The cell's place in the notebook, from 1. */
  n: number;
  running: boolean;
  onRun(): void;
  onRunAbove(): void;
  onRunBelow(): void;
  onCancel(): void;
}

export function CellRunActions({ n, running, onRun, onRunAbove, onRunBelow, onCancel }: CellRunActionsProps) {
  return (
    <>
      <button type="button" onClick={onRun} aria-label={t('notebook.ui.runCell', { n })}>
        {t('notebook.ui.run')}
      </button>
      <button type="button" onClick={onRunAbove} aria-label={t('notebook.app.runAboveCell', { n })}>
        {t('notebook.app.runAbove')}
      </button>
      <button type="button" onClick={onRunBelow} aria-label={t('notebook.app.runBelowCell', { n })}>
        {t('notebook.app.runBelow')}
      </button>
      <button type="button" onClick={onCancel} disabled={!running} aria-label={t('notebook.ui.cancelCell', { n })}>
        {t('notebook.ui.cancel')}
      </button>
    </>
  );
}
