/**
 * The rules an entry name inside an archive must pass before anything is read, with the reason
 * when it does not. Names come from untrusted files: a name must stay inside the folder it is
 * extracted to on every system (Windows included), and two names must never land on one file
 * (case-insensitive file systems, Unicode normalization).
 */
import type { MessageKey } from '../../../shared/i18n/translate';

export const maxEntryNameBytes = 255;

/** Why `name` cannot be kept, or null when it can. A trailing '/' marks a folder entry. */
export function entryNameProblem(name: string): MessageKey | null {
  if (name === '' || name === '/') return 'bundle.entryNameEmpty';
  if (Buffer.byteLength(name, 'utf8') > maxEntryNameBytes) return 'bundle.entryNameLong';
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (code === 0) return 'bundle.entryNameNul';
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'bundle.entryNameControl';
  }
  if (name.includes('\\')) return 'bundle.entryNameBackslash';
  if (name.startsWith('/')) return 'bundle.entryNameAbsolute';
  if (name.length >= 2 && name[1] === ':' && /[A-Za-z]/.test(name[0]!)) return 'bundle.entryNameDrive';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((segment) => segment === '..')) return 'bundle.entryNameParent';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'bundle.entryNameEmptySegment';
  // Windows would read "name." or "name " as "name", and "a:b" as a stream of a.
  if (segments.some((segment) => segment.endsWith('.') || segment.endsWith(' ') || segment.includes(':'))) return 'bundle.entryNameWindows';
  return null;
}

/** The name two entries collide on: case-folded after Unicode normalization, without a folder's trailing '/'. */
export function collisionKey(name: string): string {
  return name.replace(/\/$/, '').normalize('NFC').toLowerCase().normalize('NFC');
}

/**
 * Finds the first name that collides with another: the same after folding, or a file that is also
 * the folder of another entry ("a" and "a/b").
 */
export function findCollision(names: readonly string[]): string | null {
  const files = new Map<string, boolean>();
  const folders = new Set<string>();
  for (const name of names) {
    const key = collisionKey(name);
    const isFolder = name.endsWith('/');
    if (files.has(key)) return name;
    files.set(key, isFolder);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  for (const [key, isFolder] of files) if (!isFolder && folders.has(key)) return key;
  return null;
}
