import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclarationList } from '../../shared/declarations.ts';
import { api, login } from '../helpers/people.ts';
import { ENTERPRISE_A, NOW, truckEvents } from '../helpers/people-seed.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { at } from '../helpers/truck-events.ts';

// The console's look-up box: a number or a plate in any spelling, one request, nothing found is an empty
// answer (no 404 to log), and a force sees its own gate's trucks only.

describe('GET /lookup', () => {
  let server: TestServer;
  let operator: string;
  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW } });
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(truckEvents({ id: 'Q1-HN-64', gateId: 'huu-nghi', direction: 'export', plate: '64R-522.81', owner: ENTERPRISE_A, declaredAt: at('2022-01-10 08:00'), arrivedAt: at('2022-01-10 09:00') })));
    operator = await login(server.url, 'sct.vanhanh');
  });
  afterAll(() => server.stop());

  const ids = async (q: string, token = operator) => {
    const res = await api(server.url, 'GET', `/lookup?q=${encodeURIComponent(q)}`, token);
    expect(res.status).toBe(200);
    return DeclarationList.parse(res.json).declarations.map((d) => d.declarationId);
  };

  it('finds by plate in any spelling and by number; nothing found is an empty list', async () => {
    for (const q of ['64r52281', '64R-522.81', ' 64 r 522 81 ', '522.8']) expect(await ids(q), q).toEqual(['Q1-HN-64']);
    expect(await ids('Q1-HN-64')).toEqual(['Q1-HN-64']);
    expect(await ids('99Z99999')).toEqual([]);
    expect(await ids('no-such-declaration')).toEqual([]);
    expect(await ids('64r52281', await login(server.url, 'bp.tanthanh'))).toEqual([]);
    expect((await api(server.url, 'GET', '/lookup?q=64r52281', await login(server.url, 'dn.hoaquaxanh'))).status).toBe(403);
  });
});
