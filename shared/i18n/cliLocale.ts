import { matchLocale, type Locale } from './translate';

/**
 * The command line's language: `--lang fr` (or `--lang=fr`) first, then the POSIX variables in
 * their order of precedence (LC_ALL, LC_MESSAGES, LANG; LANGUAGE's first entry too), else English.
 * Returns the arguments without `--lang`, so commands never see it.
 */
export function cliLocale(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { locale: Locale; args: string[] } {
  const rest: string[] = [];
  let asked: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--lang') asked = args[++i];
    else if (arg.startsWith('--lang=')) asked = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  // "C" and "POSIX" name no language: they mean the default, English.
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const candidates = [asked, posix !== undefined && /^(C|POSIX)([.@]|$)/.test(posix) ? 'en' : posix, env.LANGUAGE?.split(':')[0]];
  return { locale: matchLocale(candidates), args: rest };
}
