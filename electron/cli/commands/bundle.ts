/**
 * `bundle build <folder> -o course.datalab [--sign instructor.key]`, `bundle verify <file>`,
 * `bundle inspect <file>`, `bundle import <file> --library <dir> [--allow-unverified]`.
 * verify, inspect and import read the trusted keys of the data folder (or --data <dir>).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../host/appPaths';
import { buildBundle, type BuildMessage } from '../../host/bundles/bundleBuild';
import { importBundle, verifyBundle, type BundleCheck } from '../../host/bundles/bundleReader';
import { readInstructorKey } from '../../host/bundles/signing';
import { TrustStore } from '../../host/bundles/trustStore';
import type { Translate } from '../../../shared/i18n/translate';
import type { Command, CommandContext } from '../main';
import { nativeProcessScriptBesideCli, reportingFailures, resolveFrom } from './bundleCliSupport';

const usage =
  'bundle build <folder> -o <file.datalab> [--sign <key>] | bundle verify <file> | bundle inspect <file> | bundle import <file> --library <dir> [--allow-unverified]';

function describe(message: BuildMessage, t: Translate): string {
  return t(message.key, message.params);
}

function trustLine(file: string, check: BundleCheck, t: Translate): string {
  if (check.trust === 'verified') return t('cli.verified', { file, fingerprint: check.signer ?? '' });
  if (check.trust === 'unknown-signer') return t('cli.verifiedUnknown', { file, fingerprint: check.signer ?? '' });
  return t('cli.verifiedUnsigned', { file });
}

async function build(context: CommandContext, folder: string, out: string, sign: string | undefined): Promise<number> {
  const { t } = context;
  const key = sign ? await readInstructorKey(resolveFrom(context, sign)) : null;
  const target = resolveFrom(context, out);
  const result = await buildBundle({ folder: resolveFrom(context, folder), out: target, key, nativeProcessScript: nativeProcessScriptBesideCli() });
  for (const warning of result.warnings) context.stderr(t('cli.warning', { file: warning.file, message: describe(warning, t) }));
  if (!result.ok) {
    for (const error of result.errors) context.stderr(t('cli.error', { file: error.file, message: describe(error, t) }));
    context.stderr(t('cli.buildRefused', { count: result.errors.length }));
    return 1;
  }
  context.stdout(t('cli.buildWrote', { file: target, exercises: result.manifest.exercises.length, files: result.manifest.files.length }));
  return 0;
}

async function inspect(context: CommandContext, file: string, store: TrustStore): Promise<number> {
  const { t } = context;
  // Inspecting reads the exercises, so the bundle is imported into a scratch library first: every check applies.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-inspect-'));
  try {
    const bundle = await importBundle(file, { library: scratch, trustStore: store, allowUnverified: true });
    const { files, ...about } = bundle.manifest;
    context.stdout(JSON.stringify({ ...about, files: files.map((f) => `${f.path} (${f.size} bytes, sha256 ${f.sha256})`) }, null, 2));
    context.stdout(trustLine(path.basename(file), bundle, t));
    for (const exercise of bundle.exercises) context.stdout(`- ${exercise.id}: ${exercise.title} (${exercise.points})`);
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const bundle: Command = (context) =>
  reportingFailures(context, async () => {
    const { t } = context;
    const { positionals, values } = parseArgs({
      args: context.args,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        sign: { type: 'string' },
        library: { type: 'string' },
        'allow-unverified': { type: 'boolean', default: false },
        data: { type: 'string' },
      },
    });
    const [action, target] = positionals;
    const store = new TrustStore(values.data ? resolveFrom(context, values.data) : defaultDataDir());
    if (action === 'build' && target && values.out) return build(context, target, values.out, values.sign);
    if (action === 'verify' && target) {
      const check = await verifyBundle(resolveFrom(context, target), store);
      context.stdout(trustLine(path.basename(target), check, t));
      return 0;
    }
    if (action === 'inspect' && target) return inspect(context, resolveFrom(context, target), store);
    if (action === 'import' && target && values.library) {
      const imported = await importBundle(resolveFrom(context, target), {
        library: resolveFrom(context, values.library),
        trustStore: store,
        allowUnverified: values['allow-unverified'],
      });
      context.stdout(t('cli.imported', { title: imported.manifest.title, version: imported.manifest.version, folder: imported.folder, trust: imported.trust }));
      return 0;
    }
    context.stderr(t('cli.commandUsage', { usage }));
    return 2;
  });

export default bundle;
