import type { Dataset, OpenedFile, Session } from '../../../shared/contract/hostApi';
import { hostClient } from '../host/hostClient';
import { t } from '../i18n/i18n';

/**
 * Opens again, in order, the files the workspace recorded, under the names they had, on the engine
 * the workspace runs now. A file the host already knows (a sample, or one opened before a page
 * reload) is taken from the session; any other is opened by its path. A file that cannot be opened
 * any more is said so and forgotten, so it is not tried at every start.
 */
export async function reopenRecordedFiles(
  files: readonly OpenedFile[],
  session: Session,
  loadDataset: (dataset: Dataset, recordedTable: string) => Promise<string | null>,
  forget: (path: string) => void,
  notify: (text: string) => void,
): Promise<void> {
  for (const file of files) {
    let dataset = session.datasets.find((known) => known.displayPath === file.path);
    if (!dataset) {
      try {
        dataset = await hostClient.openDataset(file.path);
      } catch (error) {
        forget(file.path);
        notify(t('workspace.fileNotReopened', { path: file.path, message: error instanceof Error ? error.message : String(error) }));
        continue;
      }
    }
    await loadDataset(dataset, file.table);
  }
}
