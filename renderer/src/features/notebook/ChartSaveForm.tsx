/**
 * Saves a drawn chart as SVG or PNG: the page draws the file, PageFileSaveForm places it through
 * the host's export path like every export.
 */
import type { View } from 'vega';
import { t } from '../../i18n/i18n';
import { besideNotebook, PageFileSaveForm } from './PageFileSaveForm';

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
  return (
    <PageFileSaveForm
      format={format}
      suggested={besideNotebook(notebookPath, `chart-${index + 1}.${format}`)}
      className="notebook-chart-save"
      labels={{ path: t('chart.ui.savePath'), save: t('chart.ui.save'), cancel: t('chart.ui.cancel'), saving: t('chart.ui.saving') }}
      existsMessage={(file) => t('save.exists', { file })}
      savedMessage={(file) => t('chart.ui.saved', { file })}
      content={async () => new Blob([(await imageBytes(view, format)) as Uint8Array<ArrayBuffer>])}
      onDone={onDone}
    />
  );
}

async function imageBytes(view: View, format: 'svg' | 'png'): Promise<Uint8Array> {
  if (format === 'svg') return new TextEncoder().encode(await view.toSVG());
  const canvas = (await view.toCanvas(pngScale)) as unknown as HTMLCanvasElement;
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(t('chart.drawFailed', { message: 'PNG' }));
  return new Uint8Array(await blob.arrayBuffer());
}
