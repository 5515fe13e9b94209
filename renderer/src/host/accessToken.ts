/**
 * Browser mode's access token. The server prints an address carrying it (`/?token=…`); the page
 * keeps it in sessionStorage, which is per origin (so per port: no other local server ever sees
 * it, unlike a cookie) and per tab, takes it out of the address bar, and sends it as an
 * `Authorization` header with every API request. In Electron the page is served by the app's own
 * protocol with no socket at all, and there is no token.
 */
import { authorizationScheme, datasetReadKeyParam } from '../../../shared/contract/hostApi';

const storageKey = 'datalab.accessToken';

/** Whether the page is served over the network (browser mode), where the API needs the token. */
export function needsAccessToken(): boolean {
  return location.protocol === 'http:' || location.protocol === 'https:';
}

/**
 * Takes the token from the address (keeping it for this tab) and removes it from the address bar
 * and the tab's history. Call once, before the first API request.
 */
export function adoptAccessToken(): void {
  const url = new URL(location.href);
  const offered = url.searchParams.get('token');
  if (offered === null) return;
  try {
    sessionStorage.setItem(storageKey, offered);
  } catch {
    // Storage refused (a privacy setting): the token lives in memory for this page only.
  }
  inMemory = offered;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

let inMemory: string | null = null;

export function accessToken(): string | null {
  if (inMemory !== null) return inMemory;
  try {
    inMemory = sessionStorage.getItem(storageKey);
  } catch {
    inMemory = null;
  }
  return inMemory;
}

/** The header every API request carries: empty in Electron. */
export function authorizationHeader(): Record<string, string> {
  const token = accessToken();
  return token === null ? {} : { Authorization: `${authorizationScheme} ${token}` };
}

/**
 * The address of one dataset's bytes for a reader that cannot send headers (the in-app engine's
 * worker): in browser mode it carries a key for that dataset only (see loopbackGuard.ts).
 */
export async function datasetContentUrl(id: string): Promise<string> {
  const url = new URL(`/api/datasets/${encodeURIComponent(id)}/content`, location.href);
  const token = accessToken();
  if (token !== null) {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(id)));
    const base64 = btoa(String.fromCharCode(...mac)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    url.searchParams.set(datasetReadKeyParam, base64);
  }
  return url.href;
}
