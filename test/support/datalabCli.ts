import { spawn } from 'node:child_process';
import path from 'node:path';
import { builtNativeProcessScript } from './builtApp';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run datalab -- …` as a user runs it: the built CLI in a child process, started from the
 * project's build folder as npm starts it, with INIT_CWD the folder the command was typed in.
 * `env` adds to (or overrides) the environment, e.g. a HOME of the test's own.
 */
export function runDatalab(args: string[], typedIn: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const cli = path.join(path.dirname(builtNativeProcessScript()), 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: path.dirname(cli), env: { ...process.env, INIT_CWD: typedIn, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
