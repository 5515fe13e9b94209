/**
 * Real file-system faults for tests: a folder that refuses writes and a disk that is full. Both
 * are mounts (a read-only bind mount over the folder, a tmpfs of a few KiB), so the app meets the
 * kernel's own EROFS and ENOSPC, not an imitation. Mounting needs root (these tests run as root in
 * CI's container); where it is not allowed, `mountsAvailable()` says so and the tests are skipped
 * with that reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let available: boolean | null = null;

export function mountsAvailable(): boolean {
  if (available !== null) return available;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return (available = false);
  const probe = mkdtempSync(path.join(os.tmpdir(), 'datalab-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    available = true;
  } catch {
    available = false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  return available;
}

/** Makes `folder` read-only in place (its files stay readable); returns the undo. */
export function makeReadOnly(folder: string): () => void {
  execFileSync('mount', ['--bind', folder, folder]);
  execFileSync('mount', ['-o', 'remount,ro,bind', folder]);
  return () => execFileSync('umount', [folder]);
}

/** Mounts a tmpfs of `bytes` at `folder` (a full disk once that much is written); returns the undo. */
export function mountTinyDisk(folder: string, bytes: number): () => void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', folder]);
  return () => execFileSync('umount', [folder]);
}
