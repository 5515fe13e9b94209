/**
 * The native DuckDB process (`out/main/nativeProcess.js`), started by the host: a Node child
 * process in browser mode, an Electron utility process in the app. It runs apart from the host so
 * that a crash or an out-of-memory in DuckDB never takes the app down.
 */
import { NativeDatabase } from './nativeDatabase';
import type { NativeRequest, NativeResponse } from './nativeProtocol';
import { convertToDatabaseFile } from './tableConversion';
import { ExportRuns } from './exportRuns';
import { HostFailure } from '../hostFailure';
import { exportDatabaseFile } from './exportWriter';

const database = new NativeDatabase();
const exportRuns = new ExportRuns();

async function handle(request: NativeRequest): Promise<unknown> {
  switch (request.type) {
    case 'convert':
      return convertToDatabaseFile(request);
    case 'configure':
      return database.configure(request);
    case 'execute':
      return database.execute(request.sql, request.firstRows);
    case 'status':
      return database.status(request.resultId, request.waitMs);
    case 'rows':
      return database.rows(request.resultId, request.offset, request.limit);
    case 'view':
      return database.view(request.resultId, request.view);
    case 'release':
      await database.release(request.resultId);
      return {};
    case 'readAll':
      return { rows: await database.readAll(request.sql, request.statementId) };
    case 'interrupt':
      return { interrupted: database.interrupt(request.statementId) };
    case 'export':
      return request.database ? exportDatabaseFile(request, exportRuns) : database.export(request, exportRuns);
    case 'exportProgress':
      return { fraction: exportRuns.progress(request.exportId) };
    case 'exportCancel':
      exportRuns.cancel(request.exportId);
      return {};
  }
}

function answer(request: NativeRequest, send: (response: NativeResponse) => void): void {
  handle(request).then(
    (reply) => send({ id: request.id, ok: true, reply }),
    (error: unknown) =>
      send({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        // The process's own explanations travel as codes, so the page can translate them.
        ...(error instanceof HostFailure ? { key: error.code, params: error.params } : {}),
      }),
  );
}

// Electron's utility process talks through parentPort; a forked Node child through process.send.
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  parentPort.on('message', (event) => answer(event.data, (response) => parentPort.postMessage(response)));
} else {
  process.on('message', (request: NativeRequest) => answer(request, (response) => process.send?.(response)));
  process.on('disconnect', () => process.exit(0));
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: NativeRequest }) => void): void;
  postMessage(message: NativeResponse): void;
}
