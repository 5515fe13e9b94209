/**
 * Saves a drawn chart as SVG or PNG through the host's export path: the page draws the file, the
 * host stages it and places it under the same destination rules as every export (inside the file
 * roots, never in the app's folders, the format's extension, no silent overwrite, temp + rename).
 */
import { useState } from 'react';
import type { View } from 'vega';
import { hostClient } from '../../host/hostClient';
import { runExportJob } from '../../engine/exportJob';
import { t } from '../../i18n/i18n';

export interface ChartSaveFormProps {
  format: 'svg' | 'png';
  view: View;
  index: number;
  notebookPath: string | null;
  /** Closed: with the message to show when the chart was saved. */
  onDone(message?: string): void;
}

/** PNG at twice the drawing's size, for sharp slides. */
const pngScale = 2;

export function ChartSaveForm({ format, view, index, notebookPath, onDone }: ChartSaveFormProps) {
  const [destination, setDestination] = useState(() => suggestedPath(notebookPath, index, format));
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const check = await hostClient.exports.checkDestination(destination, format);
      const fileName = check.path.split(/[\\/]/).pop() ?? check.path;
      if (check.exists && !overwrite) {
        setOverwrite(true);
        setError(t('chart.ui.exists', { file: fileName }));
        return;
      }
      const controller = new AbortController();
      const stagedId = await hostClient.exports.upload(new Blob([(await imageBytes(view, format)) as Uint8Array<ArrayBuffer>]), controller.signal);
      await runExportJob({ kind: 'staged', stagedId, contains: 'file' }, { relation: '', format, destination: check.path, overwrite }, () => undefined, controller.signal);
      onDone(t('chart.ui.saved', { file: fileName }));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="notebook-chart-save"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        {t('chart.ui.savePath')}
        <input type="text" dir="ltr" value={destination} required autoFocus onChange={(event) => {
          setDestination(event.target.value);
          setOverwrite(false);
        }} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('chart.ui.save')}
      </button>
      <button type="button" onClick={() => onDone()}>
        {t('chart.ui.cancel')}
      </button>
      {busy ? <span role="status">{t('chart.ui.saving')}</span> : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The notebook's folder and `chart-<n>.<format>`; just the name for a notebook never saved. */
function suggestedPath(notebookPath: string | null, index: number, format: 'svg' | 'png'): string {
  const name = `chart-${index + 1}.${format}`;
  if (!notebookPath) return name;
  const slash = Math.max(notebookPath.lastIndexOf('/'), notebookPath.lastIndexOf('\\'));
  return `${notebookPath.slice(0, slash + 1)}${name}`;
}

async function imageBytes(view: View, format: 'svg' | 'png'): Promise<Uint8Array> {
  if (format === 'svg') return new TextEncoder().encode(await view.toSVG());
  const canvas = (await view.toCanvas(pngScale)) as unknown as HTMLCanvasElement;
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(t('chart.drawFailed', { message: 'PNG' }));
  return new Uint8Array(await blob.arrayBuffer());
}
