import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclarationList, DeclarationView } from '../../shared/declarations.ts';
import { Notice } from '../../shared/notices.ts';
import type { Snapshot } from '../../shared/live.ts';
import { api, connectConsole, login, until, type Console } from '../helpers/people.ts';
import { ENTERPRISE_A, ENTERPRISE_B, eventsAt, NOW, TRUCKS, truckEvents, type Truck } from '../helpers/people-seed.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';

// Who may do what: every endpoint and every socket payload × seven kinds of caller, one assertion each.

type Who = 'anonymous' | 'operator' | 'force_here' | 'force_other_gate' | 'force_other_force' | 'enterprise_owner' | 'enterprise_other';
const WHO: Who[] = ['anonymous', 'operator', 'force_here', 'force_other_gate', 'force_other_force', 'enterprise_owner', 'enterprise_other'];
const USERNAME: Record<Exclude<Who, 'anonymous'>, string> = {
  operator: 'sct.vanhanh',
  force_here: 'bp.huunghi', // huu-nghi, border_guard — HN-1 is at huu-nghi and owned by enterprise A
  force_other_gate: 'bp.tanthanh',
  force_other_force: 'hq.huunghi',
  enterprise_owner: 'dn.hoaquaxanh', // enterprise A
  enterprise_other: 'dn.vantaibactrung', // enterprise B
};

const draft = { gateIds: ['chi-ma'], direction: 'import', effectiveFrom: '2030-01-01T00:00:00+07:00', reason: { vi: 'Thử quyền' } };
const check = { force: 'border_guard', result: 'rejected', note: 'thiếu giấy tờ' };
const only = (yes: Who[], allowed: number, denied: (w: Who) => number) => (w: Who) => (yes.includes(w) ? allowed : denied(w));
const signInOr = (status: number) => (w: Who) => (w === 'anonymous' ? 401 : status);

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string | (() => string);
  body?: unknown;
  expect: (w: Who) => number;
  /** Extra check on an allowed answer. */
  then?: (w: Who, json: unknown) => void;
}

let liftable: string[] = [];
const CASES: Case[] = [
  { name: 'GET /auth/me', method: 'GET', path: '/auth/me', expect: signInOr(200) },
  { name: 'GET /gates', method: 'GET', path: '/gates', expect: () => 200 },
  { name: 'GET /notices', method: 'GET', path: '/notices', expect: () => 200 },
  { name: 'POST /notices', method: 'POST', path: '/notices', body: draft, expect: only(['operator'], 201, signInOr(403)) },
  { name: 'POST /notices/:id/lift', method: 'POST', path: () => `/notices/${liftable[0] ?? 'none'}/lift`, expect: only(['operator'], 200, signInOr(403)) },
  {
    name: 'GET /gates/huu-nghi/worklist?force=border_guard',
    method: 'GET',
    path: '/gates/huu-nghi/worklist?force=border_guard',
    expect: only(['operator', 'force_here'], 200, signInOr(403)),
  },
  {
    name: 'POST /declarations/HN-1/checks',
    method: 'POST',
    path: '/declarations/HN-1/checks',
    body: check,
    // another gate's force does not learn the declaration exists; the same gate's other force may not sign for border_guard
    expect: only(['force_here'], 201, (w) => ({ anonymous: 401, force_other_gate: 404 })[w as string] ?? 403),
  },
  {
    name: 'GET /declarations/HN-1',
    method: 'GET',
    path: '/declarations/HN-1',
    expect: only(['operator', 'force_here', 'force_other_force', 'enterprise_owner'], 200, signInOr(404)),
    then: (_w, json) => expect(DeclarationView.parse(json).enterprise.taxCode).toBe(ENTERPRISE_A.taxCode),
  },
  {
    name: 'GET /vehicles?plate=12C-111.11',
    method: 'GET',
    path: '/vehicles?plate=12C-111.11',
    expect: only(['operator', 'force_here', 'force_other_gate', 'force_other_force'], 200, signInOr(403)),
    then: (w, json) => expect(DeclarationList.parse(json).declarations.map((d) => d.declarationId)).toEqual(w === 'force_other_gate' ? [] : ['HN-1']),
  },
  {
    name: 'GET /my/declarations',
    method: 'GET',
    path: '/my/declarations',
    expect: only(['enterprise_owner', 'enterprise_other'], 200, signInOr(403)),
    then: (w, json) => {
      const own = w === 'enterprise_owner' ? ENTERPRISE_A.taxCode : ENTERPRISE_B.taxCode;
      const list = DeclarationList.parse(json).declarations;
      expect(list.length).toBeGreaterThan(0);
      expect(list.every((d) => d.enterprise.taxCode === own)).toBe(true);
    },
  },
  { name: 'GET /alerts', method: 'GET', path: '/alerts', expect: only(['operator'], 200, signInOr(403)) },
  { name: 'GET /gates/:id/forecast', method: 'GET', path: '/gates/huu-nghi/forecast?hours=24', expect: () => 200 },
  { name: 'POST /forecast/what-if', method: 'POST', path: '/forecast/what-if', body: draft, expect: only(['operator'], 200, signInOr(403)) },
  // None is shown on this small yard: an operator gets 404, everyone else never reaches the question.
  { name: 'POST /recommendations/:id/dismiss', method: 'POST', path: '/recommendations/rec-none/dismiss', expect: only(['operator'], 404, signInOr(403)) },
  { name: 'GET /audit', method: 'GET', path: '/audit', expect: only(['operator'], 200, signInOr(403)) },
  // When the procedure changes: rules (operators change them, anyone reads), corrections (the owner only),
  // hand-over steps (the force its procedure names: HN-1's has none, so 409 at its gate), customs imports.
  { name: 'GET /procedures', method: 'GET', path: '/procedures', expect: () => 200 },
  {
    name: 'POST /procedures?dryRun=true',
    method: 'POST',
    path: '/procedures?dryRun=true',
    body: { gateIds: ['chi-ma'], direction: 'import', effectiveFrom: '2030-01-01T06:00:00+07:00', procedure: { steps: [{ kind: 'check', force: 'customs' }], ordered: false } },
    expect: only(['operator'], 200, signInOr(403)),
  },
  { name: 'POST /service-patterns', method: 'POST', path: '/service-patterns', body: { gateIds: ['chi-ma'], pattern: null }, expect: only(['operator'], 201, signInOr(403)) },
  {
    name: 'POST /declarations/HN-1/amendments',
    method: 'POST',
    path: '/declarations/HN-1/amendments',
    body: { changes: { cargo: { hsCode: '0810' } } },
    expect: only(['enterprise_owner'], 201, (w) => ({ anonymous: 401, enterprise_other: 404 })[w as string] ?? 403),
  },
  {
    name: 'POST /declarations/HN-1/steps',
    method: 'POST',
    path: '/declarations/HN-1/steps',
    body: { step: 'handover', result: 'confirmed' },
    expect: (w) => ({ anonymous: 401, force_here: 409, force_other_force: 409, force_other_gate: 404 })[w as string] ?? 403,
  },
  { name: 'GET /bulletin?date=2022-01-09', method: 'GET', path: '/bulletin?date=2022-01-09', expect: () => 200 },
  { name: 'GET /gates?asOf=', method: 'GET', path: '/gates?asOf=2022-01-10T09:00:00%2B07:00', expect: () => 200 },
  { name: 'POST /customs/imports?dryRun=true', method: 'POST', path: '/customs/imports?dryRun=true', body: [], expect: only(['operator', 'force_other_force'], 200, signInOr(403)) },
  { name: 'GET /customs/imports', method: 'GET', path: '/customs/imports', expect: only(['operator', 'force_other_force'], 200, signInOr(403)) },
  // A session token is not a gate API key.
  { name: 'POST /events with a user token', method: 'POST', path: '/events', body: [], expect: () => 401 },
];

const SOCKET_FIELDS: { field: keyof Snapshot; who: Who[] }[] = [
  { field: 'user', who: WHO.filter((w) => w !== 'anonymous') },
  { field: 'alerts', who: ['operator'] },
  { field: 'worklist', who: ['force_here', 'force_other_gate', 'force_other_force'] },
  { field: 'myDeclarations', who: ['enterprise_owner', 'enterprise_other'] },
];

const LATE: Truck[] = [
  { id: 'HN-9', gateId: 'huu-nghi', direction: 'export', plate: '12C-999.99', owner: ENTERPRISE_B, declaredAt: NOW - 3_600_000, arrivedAt: NOW - 600_000 },
  { id: 'TT-9', gateId: 'tan-thanh', direction: 'import', plate: '98C-888.88', owner: ENTERPRISE_A, declaredAt: NOW - 3_600_000, arrivedAt: NOW - 600_000 },
];
const ALL = [...TRUCKS, ...LATE];
/** Plates and tax codes a caller must never receive over the socket. */
function forbiddenFor(w: Who): string[] {
  const hide = (t: Truck): boolean => {
    if (w === 'operator') return false;
    if (w === 'anonymous') return true;
    if (w === 'enterprise_owner') return t.owner !== ENTERPRISE_A;
    if (w === 'enterprise_other') return t.owner !== ENTERPRISE_B;
    return t.gateId !== (w === 'force_other_gate' ? 'tan-thanh' : 'huu-nghi');
  };
  const secrets = ALL.filter(hide).flatMap((t) => [t.plate, t.owner.taxCode]);
  const shown = ALL.filter((t) => !hide(t)).flatMap((t) => [t.plate, t.owner.taxCode]);
  return [...new Set(secrets)].filter((s) => !shown.includes(s));
}

describe.each(STORES)('authorisation matrix (%s)', (store) => {
  let server: TestServer;
  const tokens = new Map<Who, string | undefined>();
  const consoles = new Map<Who, Console>();
  let count = 0;

  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW } });
    const keys = demoKeys();
    for (const gate of ['huu-nghi', 'tan-thanh']) {
      const res = await postEvents(server.url, keys[gate], ndjson(eventsAt(gate)));
      expect(res.json).toMatchObject({ rejected: [] });
    }
    tokens.set('anonymous', undefined);
    for (const w of WHO) if (w !== 'anonymous') tokens.set(w, await login(server.url, USERNAME[w]));
    const op = tokens.get('operator');
    const issued = await api(server.url, 'POST', '/notices', op, draft);
    liftable = [Notice.parse(issued.json).id];
    for (const w of WHO) consoles.set(w, await connectConsole(server.url, tokens.get(w)));
  });
  afterAll(async () => {
    consoles.forEach((c) => c.socket.close());
    await server.stop();
    console.log(`authorisation matrix: ${count} cases (${CASES.length} endpoints + ${SOCKET_FIELDS.length} snapshot fields + socket privacy, × ${WHO.length} callers, + bad-token handshake)`);
  });

  for (const c of CASES) {
    for (const w of WHO) {
      it(`${c.name} as ${w} → ${c.expect(w)}`, async () => {
        count += 1;
        const path = typeof c.path === 'string' ? c.path : c.path();
        const res = await api(server.url, c.method, path, tokens.get(w), c.body);
        expect(res.status, JSON.stringify(res.json)).toBe(c.expect(w));
        if (res.status < 300 && c.then) c.then(w, res.json);
        if (res.status >= 400) expect(res.json).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      });
    }
  }

  for (const { field, who } of SOCKET_FIELDS) {
    for (const w of WHO) {
      it(`socket snapshot.${field} for ${w}: ${who.includes(w) ? 'present' : 'absent'}`, () => {
        count += 1;
        const snapshot = consoles.get(w)?.snapshots[0];
        expect(snapshot).toBeDefined();
        expect(snapshot?.[field] !== undefined).toBe(who.includes(w));
      });
    }
  }

  it('a batch after connecting reaches every console as one delta each', async () => {
    const keys = demoKeys();
    for (const t of LATE) await postEvents(server.url, keys[t.gateId], ndjson(truckEvents(t)));
    // Deltas are whole values and may repeat what a console's snapshot held, so wait for these very trucks.
    await until(() => [...consoles.values()].every((c) => c.deltas.some((d) => d.gates?.some((g) => g.id === 'tan-thanh'))));
    await until(() => consoles.get('force_here')?.deltas.some((d) => d.worklist?.upsert.some((i) => i.declarationId === 'HN-9')) === true);
    await until(() => consoles.get('enterprise_owner')?.deltas.some((d) => d.myDeclarations?.some((v) => v.declarationId === 'TT-9')) === true);
    await until(() => consoles.get('enterprise_other')?.deltas.some((d) => d.myDeclarations?.some((v) => v.declarationId === 'HN-9')) === true);
    expect(consoles.get('force_here')?.deltas.flatMap((d) => d.worklist?.upsert ?? []).map((i) => i.declarationId)).toContain('HN-9');
    expect(consoles.get('enterprise_other')?.deltas.flatMap((d) => d.myDeclarations ?? []).map((v) => v.declarationId)).toContain('HN-9');
    const ownerSaw = consoles.get('enterprise_owner')?.deltas.flatMap((d) => d.myDeclarations ?? []).map((v) => v.declarationId);
    expect(ownerSaw).toContain('TT-9'); // (and HN-1, which the border guard's check touched)
    expect(ownerSaw).not.toContain('HN-9');
  });

  for (const w of WHO) {
    it(`socket payloads for ${w} (snapshot and deltas) hold no plate or tax code it may not see`, () => {
      count += 1;
      const received = consoles.get(w)?.raw.join('\n') ?? '';
      expect(received.length).toBeGreaterThan(0);
      for (const secret of forbiddenFor(w)) expect(received.includes(secret), `${w} received ${secret}`).toBe(false);
    });
  }

  it('socket with a bad token is refused with "unauthorized"', async () => {
    count += 1;
    await expect(connectConsole(server.url, 'not-a-token')).rejects.toThrow('unauthorized');
  });
});
