/**
 * The native DuckDB process (`out/main/nativeProcess.js`), started by the host: a Node child
 * process in browser mode, an Electron utility process in the app. It runs apart from the host so
 * that a crash or an out-of-memory in DuckDB never takes the app down.
 */
import { NativeDatabase } from './nativeDatabase';
import type { NativeMessage, NativeRequest } from './nativeProtocol';
import { convertToDatabaseFile } from './tableConversion';
import { ExportRuns } from './exportRuns';
import { parquetFootprint } from './parquetFootprint';
import { HostFailure } from '../hostFailure';
import { exportUploadedArrow } from './exportWriter';
import { StatementRefused } from './statementGate';
import { TableStreams } from './tableStream';

const database = new NativeDatabase();
const exportRuns = new ExportRuns();
/** Conversions for the in-app engine, tracked like exports: the page shows their progress and may stop them. */
const conversionRuns = new ExportRuns();
/** Parquet and JSON files streamed to the in-app engine as Arrow. */
const tableStreams = new TableStreams();

async function handle(request: NativeRequest, send: Send): Promise<unknown> {
  switch (request.type) {
    case 'convert':
      return convertToDatabaseFile(request, conversionRuns);
    case 'convertProgress':
      return { fraction: conversionRuns.progress(request.conversionId) };
    case 'convertCancel':
      conversionRuns.cancel(request.conversionId);
      return {};
    case 'footprint':
      return parquetFootprint(request);
    case 'streamOpen':
      return tableStreams.open(request);
    case 'streamNext':
      return tableStreams.next(request.streamId);
    case 'streamClose':
      tableStreams.close(request.streamId);
      return {};
    case 'configure':
      // Each dataset is named before DuckDB touches it: if its set-up kills the process, the host knows which.
      return database.configure(request, (table) => send({ id: request.id, settingUp: table }));
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
    case 'queryProgress':
      return { fraction: database.queryProgress() };
    case 'export':
      return request.upload ? exportUploadedArrow(request, exportRuns) : database.export(request, exportRuns);
    case 'exportProgress':
      return { fraction: exportRuns.progress(request.exportId) };
    case 'exportCancel':
      exportRuns.cancel(request.exportId);
      return {};
  }
}

/** Sends a message to the host; settles once it has left this process (a crash right after must not lose it). */
type Send = (message: NativeMessage) => Promise<void>;

function answer(request: NativeRequest, send: Send): void {
  handle(request, send).then(
    (reply) => void send({ id: request.id, ok: true, reply }),
    (error: unknown) =>
      void send({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        // The process's own explanations travel as codes, so the page can translate them.
        ...(error instanceof StatementRefused ? { key: error.key, params: error.params, refused: true } : {}),
        ...(error instanceof HostFailure ? { key: error.code, params: error.params } : {}),
      }),
  );
}

// Electron's utility process talks through parentPort; a forked Node child through process.send.
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  parentPort.on('message', (event) =>
    answer(event.data, async (message) => {
      parentPort.postMessage(message);
      // postMessage has no completion callback: a turn of the event loop lets the port write it.
      await new Promise((resolve) => setImmediate(resolve));
    }),
  );
} else {
  process.on('message', (request: NativeRequest) =>
    answer(request, (message) => new Promise<void>((resolve) => (process.send ? void process.send(message, undefined, undefined, () => resolve()) : resolve()))),
  );
  process.on('disconnect', () => process.exit(0));
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: NativeRequest }) => void): void;
  postMessage(message: NativeMessage): void;
}
