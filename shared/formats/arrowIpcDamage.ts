import type { MessageKey, MessageParams } from '../i18n/translate';

/**
 * Why an Arrow IPC file could not be read, in words a user can act on. apache-arrow (which both
 * engines read Arrow files with) fails on a truncated or damaged file with its internals' errors,
 * such as "Cannot read properties of null (reading 'fieldsLength')".
 *
 * The file format starts and ends with the magic `ARROW1`: a file that starts with it but does not
 * end with it was cut short (or is still being written). Anything else that fails to parse is
 * damaged or not Arrow; apache-arrow's own message is kept only when it is one of its own.
 */
const magic = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/** How many bytes of each end `arrowReadFailure` needs. */
export const arrowMagicBytes = magic.length;

function startsWithMagic(bytes: Uint8Array): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

/**
 * The reason to show for a failed read of an Arrow file, from its first and last bytes (at least
 * `arrowMagicBytes` of each) and the error the reader threw. The reason is a phrase that fits
 * after "Could not load “file”: ".
 */
export function arrowReadFailure(head: Uint8Array, tail: Uint8Array, error: unknown): { key: MessageKey; params: MessageParams } {
  if (startsWithMagic(head) && !startsWithMagic(tail.subarray(Math.max(0, tail.length - magic.length)))) {
    return { key: 'error.arrowTruncated', params: {} };
  }
  // A TypeError is the reader tripping over what it found, not a message about the file.
  if (error instanceof Error && !(error instanceof TypeError)) return { key: 'error.arrowUnreadableBecause', params: { message: error.message } };
  return { key: 'error.arrowUnreadable', params: {} };
}
