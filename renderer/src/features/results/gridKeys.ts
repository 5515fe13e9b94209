/**
 * What a key pressed in the results grid means, kept free of the DOM and React so the rules can be
 * unit-tested.
 */

/**
 * Whether a key press is the shortcut letter `letter` (lower case a-z). `key` follows the layout
 * (Dvorak, AZERTY), so a Latin layout is taken at its word; `code` (the key's place on a QWERTY
 * keyboard) only stands in when the layout types no Latin letter (Arabic, Russian…), as the
 * browser's own Ctrl+C does. Without that guard, Ctrl+U on Dvorak (code KeyF) would be Ctrl+F.
 */
export function isShortcutLetter(press: { key: string; code: string }, letter: string): boolean {
  return press.key.toLowerCase() === letter || (!/^[a-z]$/i.test(press.key) && press.code === `Key${letter.toUpperCase()}`);
}
