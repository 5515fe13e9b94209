/**
 * `npm run datalab -- <command> …`: Data Lab without a window, for instructors and scripts.
 * Each command lives in its own module under commands/ and is listed once here.
 */
import { parseArgs } from 'node:util';
import { cliLocale } from '../../shared/i18n/cliLocale';
import { createTranslator, type Locale, type Translate } from '../../shared/i18n/translate';

/** What a command receives: its own arguments, and where the user typed the command. */
export interface CommandContext {
  args: string[];
  /** npm runs scripts from the project folder; INIT_CWD is where the user typed the command. */
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** The user's language (`--lang`, else LC_ALL/LANG) and its translator, for every line printed. */
  locale: Locale;
  t: Translate;
}

/** A command's exit code: 0 when it did what was asked. */
export type Command = (context: CommandContext) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: 'Run a notebook (.md) on the native engine (--engine wasm: the in-app one); --html and --ipynb write exports.', load: async () => (await import('./commands/run')).default },
  keys: { summary: 'Instructor keys: new, trust, list, remove', load: async () => (await import('./commands/keys')).default },
  bundle: { summary: 'Lab bundles: build, verify, inspect, import', load: async () => (await import('./commands/bundle')).default },
  grade: { summary: 'Re-grade trainees’ submissions against a bundle', load: async () => (await import('./commands/grade')).default },
};

function usage(t: Translate): string {
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return [t('cli.usage'), '', t('cli.commands'), ...lines].join('\n');
}

const { locale, args: cliArgs } = cliLocale(process.argv.slice(2), process.env);
const t = createTranslator(locale);

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  const stdout = (line: string): void => void process.stdout.write(`${line}\n`);
  const stderr = (line: string): void => void process.stderr.write(`${line}\n`);
  if (!name || name === 'help' || name === '--help') {
    stdout(usage(t));
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    stderr(`${t('cli.unknownCommand', { name })}\n\n${usage(t)}`);
    return 2;
  }
  const run = await command.load();
  return run({ args: argv.slice(1), cwd: process.env.INIT_CWD ?? process.cwd(), stdout, stderr, locale, t });
}

main(cliArgs).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
