/** The two servers the benchmark talks to: Data Lab's browser mode, and a bare static server for the plain duckdb-wasm page. */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

/**
 * Starts `node out/main/serve.js` as `npm run serve` does, with its own home and data folders so
 * the benchmark never sees (or writes to) the real user's files.
 */
export async function startAppServer({ root, home, dataDir, files = [], timeoutMs = 20_000 }) {
  await mkdir(home, { recursive: true });
  const child = spawn(process.execPath, [path.join(root, 'out/main/serve.js'), '--data-dir', dataDir, ...files], {
    cwd: root,
    env: { ...process.env, HOME: home, USERPROFILE: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its address within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const check = () => {
      const line = output.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/.test(l));
      if (!line) return;
      clearTimeout(timer);
      resolve(line);
    };
    child.stdout.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code}) before printing its address:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid,
    output: () => output,
    /** SIGTERM, then SIGKILL if it has not gone after a few seconds (it waits up to 2 s for open event streams). */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    /** For process 'exit' handlers, where nothing can be awaited. */
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'application/octet-stream',
};

/** The headers that make a page cross-origin isolated (`crossOriginIsolated`, SharedArrayBuffer). */
export const isolationHeaders = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * A static server on 127.0.0.1 for the plain duckdb-wasm page. Same CSP as the app for scripts and
 * WebAssembly, so the baseline runs under the same rules; `extra` maps URL paths to files outside `dir`;
 * `headers` are added to every response (e.g. `isolationHeaders`).
 */
export async function startStaticServer({ dir, extra = {}, headers = {} }) {
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
      const file = extra[pathname] ?? path.join(dir, relative);
      if (!extra[pathname] && !file.startsWith(dir + path.sep)) throw new Error('outside the page folder');
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, {
        'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'",
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
