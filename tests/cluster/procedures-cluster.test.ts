import { afterAll, describe, expect, it } from 'vitest';
import { ProceduresResponse } from '../../shared/procedures.ts';
import { GatesResponse } from '../../shared/gates.ts';
import { WorklistResponse } from '../../shared/declarations.ts';
import { api, login, manualClock } from '../helpers/people.ts';
import { ENTERPRISE_A, eventsAt, NOW, truckEvents } from '../helpers/people-seed.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { at, iso } from '../helpers/truck-events.ts';

// Rule changes are part of the journal: a procedure changed and a pattern set at node A are followed by
// node B (its tail), numbered by the deployment, and B's worklists, gate status and declarations agree
// with A's; a node started afterwards reads them before it serves.

describe('procedure changes on two nodes sharing PostgreSQL', () => {
  const nodes: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('a change at A is enforced at B, the next number is the deployment’s, and a fresh node agrees', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const clock = manualClock(NOW);
    const start = async () => {
      const node = await startTestServer({ store: 'postgres', databaseUrl, clock });
      nodes.push(node);
      return node;
    };
    const [a, b] = [await start(), await start()];
    if (!a || !b) throw new Error('nodes');
    await postEvents(a.url, demoKeys()['huu-nghi'], ndjson(eventsAt('huu-nghi')));
    const change = await api(a.url, 'POST', '/procedures', await login(a.url, 'sct.vanhanh'), {
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: iso(at('2022-01-11 06:00')),
      procedure: { steps: [{ kind: 'check', force: 'quarantine' }], ordered: false },
    });
    expect(change.json).toMatchObject({ change: { id: 'QT-1' } });
    const pattern = await api(b.url, 'POST', '/service-patterns', await login(b.url, 'sct.vanhanh'), { gateIds: ['huu-nghi'], pattern: { priority: 1, regular: 3 } });
    expect(pattern.json).toMatchObject({ id: 'QT-2' }); // B caught up with A's change inside its write turn

    clock.set(at('2022-01-11 08:00'));
    await postEvents(b.url, demoKeys()['huu-nghi'], ndjson(truckEvents({ id: 'HN-9', gateId: 'huu-nghi', direction: 'export', plate: '12C-999.99', owner: ENTERPRISE_A, declaredAt: at('2022-01-11 05:00'), arrivedAt: at('2022-01-11 07:00') })));
    const customsAt = async (node: TestServer) => WorklistResponse.parse((await api(node.url, 'GET', '/gates/huu-nghi/worklist', await login(node.url, 'hq.huunghi'))).json).items.map((i) => i.declarationId);
    for (const node of [a, b]) {
      await node.app.core.catchUp();
      expect(await customsAt(node), node.url).not.toContain('HN-9');
    }
    const c = await start();
    const read = async (node: TestServer) => ({
      procedures: (await api(node.url, 'GET', '/procedures')).json,
      gates: GatesResponse.parse((await api(node.url, 'GET', '/gates')).json).gates.find((g) => g.id === 'huu-nghi'),
      customs: await customsAt(node),
    });
    await a.app.core.catchUp();
    const [ra, rb, rc] = [await read(a), await read(b), await read(c)];
    expect(rb).toEqual(ra);
    expect(rc).toEqual(ra);
    expect(ProceduresResponse.parse(ra.procedures).patterns.find((p) => p.gateId === 'huu-nghi')?.pattern).toEqual({ priority: 1, regular: 3 });
  });
});
