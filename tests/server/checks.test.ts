import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclarationView, WorklistResponse } from '../../shared/declarations.ts';
import { GatesResponse } from '../../shared/gates.ts';
import { api, connectConsole, login, until, type Console } from '../helpers/people.ts';
import { eventsAt, NOW } from '../helpers/people-seed.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';

// Border-force checks (xác nhận / từ chối): the truck's state, the gate's worklist, and every console of that gate.

describe.each(STORES)('border-force checks (%s)', (store) => {
  let server: TestServer;
  let guard: string; // bp.huunghi — huu-nghi, border_guard
  const consoles: Console[] = [];

  const worklistIds = async (token: string): Promise<string[]> =>
    WorklistResponse.parse((await api(server.url, 'GET', '/gates/huu-nghi/worklist', token)).json).items.map((i) => i.declarationId);
  const awaitingGuard = async (): Promise<number | undefined> =>
    GatesResponse.parse((await api(server.url, 'GET', '/gates')).json).gates.find((g) => g.id === 'huu-nghi')?.awaiting.border_guard;

  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW } });
    for (const gate of ['huu-nghi', 'tan-thanh']) await postEvents(server.url, demoKeys()[gate], ndjson(eventsAt(gate)));
    guard = await login(server.url, 'bp.huunghi');
  });
  afterAll(async () => {
    consoles.forEach((c) => c.socket.close());
    await server.stop();
  });

  it('lists queued trucks not yet confirmed by the force, oldest arrival first', async () => {
    expect(await worklistIds(guard)).toEqual(['HN-1', 'HN-5', 'HN-2']);
    expect(await awaitingGuard()).toBe(3);
  });

  it('a confirm changes the truck and the worklist of every console of that gate, and nothing elsewhere', async () => {
    const a = await connectConsole(server.url, guard);
    const b = await connectConsole(server.url, await login(server.url, 'bp.huunghi'));
    const otherGate = await connectConsole(server.url, await login(server.url, 'bp.tanthanh'));
    consoles.push(a, b, otherGate);
    expect(a.snapshots[0]?.worklist?.map((i) => i.declarationId)).toEqual(['HN-1', 'HN-5', 'HN-2']);

    const res = await api(server.url, 'POST', '/declarations/HN-1/checks', guard, { force: 'border_guard', result: 'confirmed' });
    expect(res.status).toBe(201);
    const view = DeclarationView.parse(res.json);
    expect(view.checks).toEqual([expect.objectContaining({ force: 'border_guard', result: 'confirmed', occurredAt: '2022-01-10T14:00:00+07:00' })]);
    expect(view.events.at(-1)).toMatchObject({ type: 'checked', eventId: expect.stringMatching(/^chk-/) });

    for (const c of [a, b]) {
      await until(() => c.deltas.some((d) => d.worklist?.remove.includes('HN-1')));
      const delta = c.deltas.find((d) => d.worklist);
      expect(delta?.worklist).toEqual({ upsert: [], remove: ['HN-1'] });
      expect(delta?.gates?.find((g) => g.id === 'huu-nghi')?.awaiting.border_guard).toBe(2);
    }
    await until(() => otherGate.deltas.length > 0);
    expect(JSON.stringify(otherGate.deltas)).not.toContain('HN-1');
    expect(otherGate.deltas.every((d) => d.worklist === undefined)).toBe(true);
    expect(await worklistIds(guard)).toEqual(['HN-5', 'HN-2']);
    expect(await awaitingGuard()).toBe(2);
    // customs has not confirmed it: still on customs' worklist
    const customs = await login(server.url, 'hq.huunghi');
    expect(await worklistIds(customs)).toContain('HN-1');
  });

  it('a reject with a note stays on the worklist and shows in the declaration events', async () => {
    const res = await api(server.url, 'POST', '/declarations/HN-2/checks', guard, { force: 'border_guard', result: 'rejected', note: 'Biển số không khớp' });
    expect(res.status).toBe(201);
    const view = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-2', guard)).json);
    expect(view.events.find((e) => e.type === 'checked')).toMatchObject({ result: 'rejected', note: 'Biển số không khớp' });
    expect(view.checks[0]).toMatchObject({ result: 'rejected', note: 'Biển số không khớp' });
    expect(view).toMatchObject({ state: 'queued', queuePosition: 1, waitingMinutes: 270 });
    const list = WorklistResponse.parse((await api(server.url, 'GET', '/gates/huu-nghi/worklist', guard)).json);
    expect(list.items.find((i) => i.declarationId === 'HN-2')?.lastResult).toBe('rejected');
    // Customs sees the border guard's rejection on its own list (the filter "other forces").
    const customsList = WorklistResponse.parse((await api(server.url, 'GET', '/gates/huu-nghi/worklist', await login(server.url, 'hq.huunghi'))).json);
    expect(customsList.items.find((i) => i.declarationId === 'HN-2')?.others).toEqual([{ force: 'border_guard', result: 'rejected' }]);
    await until(() => consoles[0]?.deltas.some((d) => d.worklist?.upsert.some((i) => i.declarationId === 'HN-2')) ?? false);
  });

  it('409 on a cleared truck, 404 on an unknown one, 400 on a bad body', async () => {
    const cleared = await api(server.url, 'POST', '/declarations/HN-3/checks', guard, { force: 'border_guard', result: 'confirmed' });
    expect(cleared.status).toBe(409);
    expect(cleared.json).toMatchObject({ error: 'conflict' });
    expect((await api(server.url, 'POST', '/declarations/NO-SUCH/checks', guard, { force: 'border_guard', result: 'confirmed' })).status).toBe(404);
    expect((await api(server.url, 'POST', '/declarations/HN-5/checks', guard, { force: 'border_guard', result: 'maybe' })).status).toBe(400);
  });

  it('checks are in the audit log', async () => {
    const operator = await login(server.url, 'sct.vanhanh');
    const audit = await api(server.url, 'GET', '/audit?action=check_recorded', operator);
    expect(audit.json).toMatchObject({
      entries: [
        expect.objectContaining({ actor: 'bp.huunghi', target: 'HN-2', source: '127.0.0.1' }),
        expect.objectContaining({ actor: 'bp.huunghi', target: 'HN-1' }),
      ],
    });
  });
});
