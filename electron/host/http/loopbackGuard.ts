import { createHmac, timingSafeEqual } from 'node:crypto';
import { createTranslator } from '../../../shared/i18n/translate';
import { authorizationScheme, datasetReadKeyParam } from '../../../shared/contract/hostApi';

const t = createTranslator();

export interface LoopbackGuardOptions {
  token: string;
  /** The only Host header accepted, e.g. `127.0.0.1:41234`: anything else may be DNS rebinding. */
  host: string;
}

/**
 * Wraps the host core for browser mode. Every request must name our loopback address in its Host
 * header; requests from another origin are refused, and no CORS headers are ever sent.
 *
 * The API (everything that reads data or writes files) also needs the per-run token in an
 * `Authorization: Bearer` header. The page takes the token from the printed address and keeps it in
 * sessionStorage, which is per origin, so per port. A cookie would not do: cookies are not scoped
 * by port, so one set by 127.0.0.1:A rides along on every request to 127.0.0.1:B, and in-app SQL
 * such as `read_text('http://127.0.0.1:A/api/…')` would carry it too. The app shell (the page and
 * its scripts, styles, fonts and WebAssembly) holds no secret and needs no token.
 */
export function guardLoopback(
  handler: (request: Request) => Promise<Response>,
  { token, host }: LoopbackGuardOptions,
): (request: Request) => Promise<Response> {
  const origin = `http://${host}`;
  return async (request) => {
    if (request.headers.get('host') !== host) return refuse(403, t('access.hostRefused'));
    const requestOrigin = request.headers.get('origin');
    if (requestOrigin !== null && requestOrigin !== origin) return refuse(403, t('access.crossOrigin'));

    if (needsToken(request) && !readsOneDataset(request, token)) {
      const offered = bearerToken(request.headers.get('authorization'));
      if (offered === null) return refuse(401, t('access.noToken'));
      if (!sameSecret(offered, token)) return refuse(401, t('access.badToken'));
    }
    return handler(request);
  };
}

/**
 * Everything but reading the app shell needs the token: any method other than GET and HEAD, and any
 * path that the router could take for the API. The router decodes percent-escapes, so the check
 * does too (`/%61pi/…` is the API); any path with a segment `api` in any case needs it (so no
 * trick of slashes or dots reaches the API without it), and so does a path that does not decode.
 */
function needsToken(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return true;
  }
  return path.split(/[/\\]/).some((segment) => segment.toLowerCase() === 'api');
}

/**
 * The in-app engine reads an opened file by its path from its worker, which cannot send headers:
 * its URL carries a key for that one dataset (an HMAC of its id under the token, see
 * shared/contract/hostApi.ts `datasetReadKeyParam`). The key reads that file's bytes and nothing
 * else; SQL that has it could read the file anyway, since the user opened it.
 */
function readsOneDataset(request: Request, token: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = new URL(request.url);
  const match = /^\/api\/datasets\/([a-z0-9-]{1,64})\/content$/.exec(url.pathname);
  const key = url.searchParams.get(datasetReadKeyParam);
  if (!match || key === null) return false;
  return sameSecret(key, createHmac('sha256', token).update(match[1]!).digest('base64url'));
}

function bearerToken(header: string | null): string | null {
  const prefix = `${authorizationScheme} `;
  if (header === null || !header.startsWith(prefix)) return null;
  return header.slice(prefix.length).trim();
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(status: 401 | 403, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
