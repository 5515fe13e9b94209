/**
 * The folders files were last opened from, newest first, kept in this browser (Electron keeps
 * the page's storage too). What storage holds is checked when read: anything but a short list of
 * path strings is ignored.
 */
const storageKey = 'datalab.recentFolders';
const kept = 6;

export function recentFolders(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.filter((item): item is string => typeof item === 'string' && item.length > 0 && item.length <= 4096).slice(0, kept);
  } catch {
    return [];
  }
}

export function rememberFolder(folder: string): string[] {
  const next = [folder, ...recentFolders().filter((item) => item !== folder)].slice(0, kept);
  try {
    localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Storage full or refused: the list is a convenience, the open goes on.
  }
  return next;
}

