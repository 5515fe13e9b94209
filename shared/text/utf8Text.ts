/**
 * Text files as the app reads and writes them: UTF-8 only, with or without a byte order mark, which
 * a save puts back as it was. Binary content (NUL bytes, invalid UTF-8) is not text: opened as
 * garbage, a save would write it back damaged.
 */
export interface Utf8Text {
  text: string;
  /** The file began with a byte order mark (kept out of `text`, written back on save). */
  bom: boolean;
}

/** The file's text, or null when its bytes are not UTF-8 text. */
export function decodeUtf8Text(bytes: Uint8Array): Utf8Text | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return null;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), bom };
  } catch {
    return null;
  }
}

/** The bytes to write for `text`, with the byte order mark when the file had one. */
export function encodeUtf8Text({ text, bom }: Utf8Text): Uint8Array {
  return new TextEncoder().encode((bom ? '\uFEFF' : '') + text);
}
