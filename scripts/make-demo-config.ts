// Writes fixtures/demo-config.json: fixtures/demo-gates.json + hashed keys and users from
// fixtures/demo-credentials.json. Deterministic salts (derived from the username) keep the file stable in git;
// that is acceptable only because these are public demo credentials.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Config } from '../shared/config.ts';
import { hashApiKey, hashPassword } from '../server/security/secrets.ts';

const gates = JSON.parse(readFileSync('fixtures/demo-gates.json', 'utf8'));
const creds = JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8'));
delete gates._comment;
for (const g of gates.gates) {
  const key = creds.gateKeys[g.id];
  g.apiKeys = key ? [{ id: `${g.id}-demo`, hash: hashApiKey(key) }] : [];
}
gates.users = creds.users.map((u: Record<string, string>) => {
  const { password, ...rest } = u;
  const salt = createHash('sha256').update(`demo-salt:${u.username}`).digest().subarray(0, 16);
  return { ...rest, passwordHash: hashPassword(password!, salt) };
});
const config = Config.parse(gates);
writeFileSync('fixtures/demo-config.json', JSON.stringify(config, null, 2) + '\n');
console.log(`wrote fixtures/demo-config.json: ${config.gates.length} gates, ${config.users.length} users`);
