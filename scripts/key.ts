// `npm run key -- add --gate G [--id ID] [--config PATH] [--data-dir DIR]`
// Makes a new gate API key, stores only its sha256 in the configuration and prints the clear key ONCE.
import { parseArgs } from 'node:util';
import { hashApiKey, newApiKey } from '../server/security/secrets.ts';
import { auditCli, CliError, configPathOf, dataDirOf, readRawConfig, runCli, withCliStore, writeConfig } from './cli/config-edit.ts';

const USAGE = 'usage: npm run key -- add --gate G [--id ID] [--config PATH] [--data-dir DIR]';

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { gate: { type: 'string' }, id: { type: 'string' }, config: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (positionals[0] !== 'add' || !values.gate) throw new CliError(USAGE);
  const gateId = values.gate;
  const path = configPathOf(values.config);
  const raw = readRawConfig(path);
  const gate = raw.gates.find((g) => g.id === gateId);
  if (!gate) throw new CliError(`gate ${gateId} is not configured in ${path}`);
  const id = values.id ?? `${gateId}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${(raw.gates.flatMap((g) => g.apiKeys ?? []).length + 1).toString()}`;
  if (raw.gates.some((g) => (g.apiKeys ?? []).some((k) => k.id === id))) throw new CliError(`a key with id ${id} already exists in ${path}`);
  const key = newApiKey();
  const gates = raw.gates.map((g) => (g.id === gateId ? { ...g, apiKeys: [...(g.apiKeys ?? []), { id, hash: hashApiKey(key) }] } : g));
  writeConfig(path, { ...raw, gates });
  await withCliStore(dataDirOf(values['data-dir']), (store) => auditCli(store, 'key_added', id, { gateId }));
  console.log(`added key ${id} for gate ${gateId} to ${path}`);
  console.log(`key: ${key}`);
  console.log('This is the only time the key is shown: give it to the gate system now (only its sha256 is stored).');
  console.log('A running server accepts the new key when it is restarted.');
});
