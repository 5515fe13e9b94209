import { describe, expect, it } from 'vitest';
import { isShortcutLetter } from '../../../renderer/src/features/results/gridKeys';

describe('isShortcutLetter', () => {
  it('takes a Latin layout at its word: the letter typed, wherever the key sits', () => {
    expect(isShortcutLetter({ key: 'f', code: 'KeyF' }, 'f')).toBe(true);
    expect(isShortcutLetter({ key: 'F', code: 'KeyF' }, 'f')).toBe(true);
    // Dvorak: the key QWERTY calls F types U, and the key QWERTY calls Y types F.
    expect(isShortcutLetter({ key: 'u', code: 'KeyF' }, 'f')).toBe(false);
    expect(isShortcutLetter({ key: 'f', code: 'KeyY' }, 'f')).toBe(true);
    // Dvorak's C sits where QWERTY has I; QWERTY's C types J.
    expect(isShortcutLetter({ key: 'c', code: 'KeyI' }, 'c')).toBe(true);
    expect(isShortcutLetter({ key: 'j', code: 'KeyC' }, 'c')).toBe(false);
  });

  it('falls back on the key’s place when the layout types no Latin letter', () => {
    expect(isShortcutLetter({ key: 'ب', code: 'KeyF' }, 'f')).toBe(true);
    expect(isShortcutLetter({ key: 'ؤ', code: 'KeyC' }, 'c')).toBe(true);
    expect(isShortcutLetter({ key: 'с', code: 'KeyC' }, 'c')).toBe(true);
    expect(isShortcutLetter({ key: 'ب', code: 'KeyG' }, 'f')).toBe(false);
  });
});
