import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LoginResponse, SessionUser } from '../../shared/auth.ts';
import { AuditResponse } from '../../shared/audit.ts';
import { loadConfigFile } from '../../server/config-file.ts';
import { api, connectConsole, login } from '../helpers/people.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';
import { declared } from '../helpers/truck-events.ts';
import { ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Sign-in: one answer for every failure, rate limit, expiry, socket handshake; the user/key CLI end to end.

const run = promisify(execFile);
const WRONG = { error: 'unauthorized', message: 'Wrong username or password' };
const post = (server: TestServer, username: string, password: string) => api(server.url, 'POST', '/auth/login', undefined, { username, password });

describe('sign-in', () => {
  const servers: TestServer[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const start = async (opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> => {
    const s = await startTestServer(opts);
    servers.push(s);
    return s;
  };

  it('logs in with the right password; wrong password and unknown user get the same 401 body', async () => {
    const server = await start();
    const ok = await post(server, 'bp.huunghi', 'demo-force-2022');
    expect(ok.status).toBe(200);
    const session = LoginResponse.parse(ok.json);
    expect(session.user).toEqual({ username: 'bp.huunghi', role: 'border_force', gateId: 'huu-nghi', force: 'border_guard' });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
    expect(SessionUser.parse((await api(server.url, 'GET', '/auth/me', session.token)).json)).toEqual(session.user);

    const wrong = await post(server, 'bp.huunghi', 'not-the-password');
    const unknown = await post(server, 'nobody.here', 'not-the-password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json).toEqual(WRONG);
    expect(unknown.json).toEqual(WRONG);

    const operator = await login(server.url, 'sct.vanhanh');
    const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit?limit=10', operator)).json).entries;
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['login', 'sct.vanhanh'],
      ['login_failed', 'nobody.here'],
      ['login_failed', 'bp.huunghi'],
      ['login', 'bp.huunghi'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('not-the-password');
    const doc = (await api(server.url, 'GET', '/openapi.json')).json;
    expect(doc).toMatchObject({
      paths: { '/api/v1/auth/login': { post: expect.any(Object) }, '/api/v1/declarations/{id}/checks': { post: { security: [{ session: [] }] } } },
    });
    const secret = statSync(join(server.dataDir, 'session-secret'));
    expect(secret.mode & 0o777).toBe(0o600);
  });

  it('rate-limits failed sign-ins per IP with 429 and Retry-After', async () => {
    const server = await start({ loginLimit: { windowMs: 60_000, limit: 3 } });
    for (let i = 0; i < 3; i++) expect((await post(server, 'sct.vanhanh', 'guess')).status).toBe(401);
    const limited = await post(server, 'sct.vanhanh', 'demo-operator-2022');
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ error: 'rate_limited', message: expect.any(String) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects an expired token over HTTP and refuses a socket with a bad or expired token', async () => {
    // JWT `exp` has whole-second granularity: a 1 s lifetime can end a few ms after issue on a loaded
    // machine; 3 s leaves at least 2 s for the first call.
    const server = await start({ sessionTtlMs: 3_000 });
    const token = await login(server.url, 'sct.vanhanh');
    expect((await api(server.url, 'GET', '/alerts', token)).status).toBe(200);
    await expect(connectConsole(server.url, 'eyJhbGciOiJIUzI1NiJ9.e30.bad')).rejects.toThrow('unauthorized');
    const anonymous = await connectConsole(server.url);
    expect(anonymous.snapshots[0]?.user).toBeUndefined();
    anonymous.socket.close();
    await new Promise((r) => setTimeout(r, 4_100));
    const expired = await api(server.url, 'GET', '/alerts', token);
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ error: 'unauthorized' });
    await expect(connectConsole(server.url, token)).rejects.toThrow('unauthorized');
  });

  it('CLI: user add and key add on a temp config; the new user signs in and the new key posts events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cks-cli-'));
    dirs.push(dir);
    const config = join(dir, 'config.json');
    const dataDir = join(dir, 'data');
    copyFileSync(join(REPO_ROOT, 'fixtures/demo-config.json'), config);
    const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, ['--import', 'tsx', script, ...args, '--config', config, '--data-dir', dataDir], { cwd: REPO_ROOT, env: { ...process.env, ...env } });

    const user = await cli('scripts/user.ts', ['add', '--username', 'kd.chima', '--role', 'border_force', '--gate', 'chi-ma', '--force', 'quarantine'], {
      NEW_PASSWORD: 'chi-ma-2022-pass',
    });
    expect(user.stdout).toContain('restart');
    await expect(cli('scripts/user.ts', ['add', '--username', 'kd.chima', '--role', 'operator', '--password', 'another-pass'])).rejects.toMatchObject({
      stderr: expect.stringContaining('already exists'),
    });
    const key = await cli('scripts/key.ts', ['add', '--gate', 'chi-ma', '--id', 'chi-ma-2']);
    const clearKey = /key: (\S+)/.exec(key.stdout)?.[1] ?? '';
    expect(clearKey).toMatch(/^gk_/);
    expect(readFileSync(config, 'utf8')).not.toContain(clearKey);
    await expect(cli('scripts/key.ts', ['add', '--gate', 'chi-ma', '--id', 'chi-ma-2'])).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });

    const server = await start({ config: loadConfigFile(config), dataDir });
    const token = await login(server.url, 'kd.chima', 'chi-ma-2022-pass');
    expect(SessionUser.parse((await api(server.url, 'GET', '/auth/me', token)).json)).toMatchObject({ gateId: 'chi-ma', force: 'quarantine' });
    const sent = await postEvents(server.url, clearKey, ndjson([declared('CM-1', Date.parse('2022-01-10T08:00:00+07:00'), { gateId: 'chi-ma' })]));
    expect(sent.json).toMatchObject({ accepted: 1 });
    const operator = await login(server.url, 'sct.vanhanh');
    const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit', operator)).json).entries;
    const cliEntries = audit.filter((e) => e.source === 'cli').map((e) => [e.action, e.target, e.actor.startsWith('cli:')]);
    expect(cliEntries).toEqual([
      ['key_added', 'chi-ma-2', true],
      ['user_added', 'kd.chima', true],
    ]);
  });
});
