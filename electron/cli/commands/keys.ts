/**
 * `keys new --out instructor.key [--name "Name"]`: an Ed25519 key pair (and instructor.pub beside it).
 * `keys trust <key file> [--data dir]`, `keys list [--data dir]`, `keys remove <fingerprint> [--data dir]`:
 * the trusted instructor keys kept in the data folder.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../host/appPaths';
import { newInstructorKey, fingerprintOf, publicKeyFileOf } from '../../host/bundles/signing';
import { TrustStore } from '../../host/bundles/trustStore';
import type { Command } from '../main';
import { reportingFailures, resolveFrom } from './bundleCliSupport';

const usage = 'keys new --out <file> [--name <name>] | keys trust <key file> [--data <dir>] | keys list [--data <dir>] | keys remove <fingerprint> [--data <dir>]';

const keys: Command = (context) =>
  reportingFailures(context, async () => {
    const { t } = context;
    const { positionals, values } = parseArgs({
      args: context.args,
      allowPositionals: true,
      options: { out: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' } },
    });
    const [action, argument] = positionals;
    const store = new TrustStore(values.data ? resolveFrom(context, values.data) : defaultDataDir());
    switch (action) {
      case 'new': {
        if (!values.out) break;
        const out = resolveFrom(context, values.out);
        const publicFile = out.replace(/\.key$/i, '') + '.pub';
        const key = newInstructorKey();
        // wx: never overwrite a key (an instructor's signed bundles would lose their signer).
        await writeFile(out, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
        await writeFile(publicFile, `${JSON.stringify(publicKeyFileOf(key, values.name), null, 2)}\n`, { flag: 'wx' });
        context.stdout(t('cli.keysWritten', { file: out, publicFile }));
        context.stdout(t('cli.fingerprint', { fingerprint: fingerprintOf(key.publicKey) }));
        return 0;
      }
      case 'trust': {
        if (!argument) break;
        const trusted = await store.importFrom(resolveFrom(context, argument), values.name);
        context.stdout(t('cli.keyTrusted', { name: trusted.name, fingerprint: trusted.fingerprint }));
        return 0;
      }
      case 'list': {
        const list = await store.list();
        if (list.length === 0) context.stdout(t('cli.noTrustedKeys'));
        for (const key of list) context.stdout(`${key.fingerprint}  ${key.name}  ${key.addedAt}`);
        return 0;
      }
      case 'remove': {
        if (!argument) break;
        const removed = await store.remove(argument);
        context[removed ? 'stdout' : 'stderr'](t(removed ? 'cli.keyRemoved' : 'cli.keyNotFound', { fingerprint: argument }));
        return removed ? 0 : 1;
      }
    }
    context.stderr(t('cli.commandUsage', { usage }));
    return 2;
  });

export default keys;
