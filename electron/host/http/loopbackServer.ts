import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { guardLoopback } from './loopbackGuard';

const loopback = '127.0.0.1';

export interface LoopbackServer {
  server: Server;
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** `127.0.0.1:PORT`, the only Host header accepted. */
  host: string;
  token: string;
}

/** Serves a fetch handler on 127.0.0.1 behind browser mode's guard, with a fresh token. */
export async function startLoopbackServer(handler: (request: Request) => Promise<Response>, port = 0): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('base64url');
  let guarded: ((request: Request) => Promise<Response>) | null = null;
  const server = createServer(getRequestListener((request) => (guarded ? guarded(request) : new Response('Starting…', { status: 503 }))));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, resolve);
  });
  const host = `${loopback}:${(server.address() as AddressInfo).port}`;
  guarded = guardLoopback(handler, { token, host });
  return { server, url: `http://${host}/?token=${token}`, host, token };
}
