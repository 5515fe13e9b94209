/**
 * What the bundle, keys and grade commands share: paths, the native process script, and failures
 * said in the user's language (`context.t`: `--lang`, else LC_ALL/LANG).
 */
import path from 'node:path';
import { HostFailure } from '../../host/hostFailure';
import type { CommandContext } from '../main';

/** The native DuckDB process script, built beside cli.js (out/main/). */
export function nativeProcessScriptBesideCli(): string {
  return path.join(path.dirname(process.argv[1] ?? ''), 'nativeProcess.js');
}

export function resolveFrom(context: CommandContext, file: string): string {
  return path.resolve(context.cwd, file);
}

/** Runs a command body; a HostFailure (a reason for the user) is printed and exits 1. */
export async function reportingFailures(context: CommandContext, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof HostFailure) {
      context.stderr(context.t(error.code, error.params));
      return 1;
    }
    throw error;
  }
}
