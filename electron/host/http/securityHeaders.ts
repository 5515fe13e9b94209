/**
 * The content security policy of every response. 'wasm-unsafe-eval' is what lets the SQL engine
 * compile WebAssembly (without it, duckdb-wasm's start hangs forever); 'unsafe-inline' for styles
 * is what Monaco needs: it injects <style> elements (the theme's token colours, decorations) and
 * style attributes. Tried without it (Chromium, this Monaco): every one is refused and the SQL
 * loses its highlighting (all tokens one colour). Scripts stay 'self' only, which is what matters
 * against injected markup. Nothing may load from or talk to another origin.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};
