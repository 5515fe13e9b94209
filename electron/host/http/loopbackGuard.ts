import { timingSafeEqual } from 'node:crypto';
import { createTranslator } from '../../../shared/i18n/translate';

const t = createTranslator();

export const tokenCookieName = 'datalab_token';

export interface LoopbackGuardOptions {
  token: string;
  /** The only Host header accepted, e.g. `127.0.0.1:41234`: anything else may be DNS rebinding. */
  host: string;
}

/**
 * Wraps the host core for browser mode. Every request must name our loopback address in its Host
 * header and carry the per-run token: once in the URL the server printed (answered with a redirect
 * that stores it in an HttpOnly, SameSite=Strict cookie and removes it from the address bar), then
 * in that cookie. Requests from another origin are refused; no CORS headers are ever sent.
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

    const url = new URL(request.url);
    const offered = url.searchParams.get('token');
    if (offered !== null && request.method === 'GET') {
      if (!sameSecret(offered, token)) return refuse(401, t('access.badToken'));
      url.searchParams.delete('token');
      return new Response(null, {
        status: 303,
        headers: {
          Location: `${url.pathname}${url.search}`,
          'Set-Cookie': `${tokenCookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
        },
      });
    }
    const cookie = readCookie(request.headers.get('cookie'), tokenCookieName);
    if (cookie === null || !sameSecret(cookie, token)) {
      return refuse(401, t('access.noToken'));
    }
    return handler(request);
  };
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function refuse(status: 401 | 403, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
