/** SQL files on the main side (see electron/host/files/sqlFileRoutes.ts), through the host client's `call`. */
import type { SaveSqlFileBody, SqlFile } from '../../../shared/contract/sqlFileApi';
import { call } from './hostClient';

export const sqlFileClient = {
  open: (path: string) => call<SqlFile>('/sql-files/open', { method: 'POST', body: JSON.stringify({ path }) }),
  save: (body: SaveSqlFileBody) => call<SqlFile>('/sql-files/file', { method: 'PUT', body: JSON.stringify(body) }),
};
