import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface AppServer {
  /** The address browser mode printed, token included. */
  url: string;
  origin: string;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts the built browser mode exactly as `npm run serve` does (node out/main/serve.js), with its
 * own home folder and data folder so tests never see the real user's files.
 */
export async function startAppServer(options: { home: string; dataDir: string; files?: string[] }): Promise<AppServer> {
  await mkdir(options.home, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'out/main/serve.js'), '--data-dir', options.dataDir, ...(options.files ?? [])], {
    cwd: root,
    env: { ...process.env, HOME: options.home, USERPROFILE: options.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its address:\n${output}`)), 20_000);
    const check = (): void => {
      const line = output.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
