// `npm run user -- add --username U --role operator|border_force|enterprise [--gate G --force F]
//   [--tax-code T] [--password P | env NEW_PASSWORD | stdin] [--config PATH] [--data-dir DIR]`
// Adds a user with a scrypt-hashed password to the configuration file. A running server reads it on restart.
// `npm run user -- revoke --username U [--config PATH] [--data-dir DIR]` (with DATABASE_URL: the deployment's database)
// Ends every session of the user now: the running server (each node) drops them within about a second,
// on HTTP and on live consoles, which fall back to the public board and say why.
import { parseArgs } from 'node:util';
import { UserConfig } from '../shared/config.ts';
import { hashPassword } from '../server/security/secrets.ts';
import { auditCli, CliError, configPathOf, dataDirOf, readRawConfig, runCli, withCliStore, writeConfig } from './cli/config-edit.ts';

const USAGE = [
  'usage: npm run user -- add --username U --role operator|border_force|enterprise [--gate G --force F] [--tax-code T] [--password P] [--config PATH] [--data-dir DIR]',
  '       npm run user -- revoke --username U [--config PATH] [--data-dir DIR]',
].join('\n');

async function revoke(username: string, configFlag: string | undefined, dataDirFlag: string | undefined): Promise<void> {
  const path = configPathOf(configFlag);
  if (!(readRawConfig(path).users ?? []).some((u) => u.username === username)) throw new CliError(`no user ${username} in ${path}`);
  // In the deployment's store (DATABASE_URL, else DATA_DIR's file): every node reads revocations from it.
  await withCliStore(dataDirOf(dataDirFlag), async (store) => {
    await store.revocations.revokeUser(username, Date.now() + 1);
    await auditCli(store, 'sessions_revoked', username, {});
  });
  console.log(`revoked every session of ${username}; a running server ends them within about a second (every node)`);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('no password: give --password, set NEW_PASSWORD, or pipe it on stdin');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      gate: { type: 'string' },
      force: { type: 'string' },
      'tax-code': { type: 'string' },
      password: { type: 'string' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (positionals[0] === 'revoke' && values.username) return revoke(values.username, values.config, values['data-dir']);
  if (positionals[0] !== 'add' || !values.username || !values.role) throw new CliError(USAGE);
  const password = values.password ?? process.env.NEW_PASSWORD ?? (await readStdin());
  if (password.length < 8) throw new CliError('password: at least 8 characters');

  const candidate = UserConfig.safeParse({
    username: values.username,
    role: values.role,
    passwordHash: hashPassword(password),
    ...(values.gate === undefined ? {} : { gateId: values.gate }),
    ...(values.force === undefined ? {} : { force: values.force }),
    ...(values['tax-code'] === undefined ? {} : { taxCode: values['tax-code'] }),
  });
  if (!candidate.success) {
    throw new CliError(candidate.error.issues.map((i) => `${i.path.join('.') || 'role'}: ${i.message}`).join('; ') + `\n${USAGE}`);
  }
  const user = candidate.data;
  const path = configPathOf(values.config);
  const raw = readRawConfig(path);
  if ((raw.users ?? []).some((u) => u.username === user.username)) throw new CliError(`user ${user.username} already exists in ${path}`);
  if (user.role === 'border_force' && !raw.gates.some((g) => g.id === user.gateId)) throw new CliError(`gate ${user.gateId} is not configured`);
  writeConfig(path, { ...raw, users: [...(raw.users ?? []), user] });
  const { passwordHash: _hash, ...shown } = user;
  await withCliStore(dataDirOf(values['data-dir']), (store) => auditCli(store, 'user_added', user.username, shown));
  console.log(`added ${user.role} ${user.username} to ${path}`);
  console.log('A running server picks the new user up when it is restarted.');
});
