import type { MiddlewareHandler } from 'hono';

/**
 * The build names every file under /assets/ after a hash of its content (`duckdb-eh-9ubY-jlA.wasm`),
 * so a name never changes meaning. Telling the browser so lets it keep them: on a second start the
 * 8 MB of JavaScript and the 34 MB engine are not fetched again, and Chromium reuses the engine's
 * compiled code (its code cache keeps compiled WebAssembly for cacheable responses), which is most
 * of what "engine ready" costs on a first start. index.html is not hashed and keeps no-cache: it
 * names the current hashes.
 */
const hashedAsset = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/;

export const immutableAssets: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status !== 200) return;
  if (hashedAsset.test(c.req.path)) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  else if (!c.req.path.startsWith('/api/')) c.res.headers.set('Cache-Control', 'no-cache');
};
