import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditResponse } from '../../shared/audit.ts';
import { api, login } from '../helpers/people.ts';
import { NOW } from '../helpers/people-seed.ts';
import { startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';
import { detailText } from '../../client/src/features/audit/AuditLog.tsx';

// The audit log pages back through every entry (`before` = the last seq shown), newest first, none twice,
// none missed — on both stores; the console words an entry's detail.

describe.each(STORES)('audit log paging (%s)', (store) => {
  let server: TestServer;
  let operator: string;
  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW } });
    operator = await login(server.url, 'sct.vanhanh');
    for (let i = 0; i < 6; i++) await login(server.url, 'hq.huunghi');
  });
  afterAll(() => server.stop());

  it('pages through every entry once, newest first', async () => {
    const all = AuditResponse.parse((await api(server.url, 'GET', '/audit?limit=1000', operator)).json).entries.map((e) => e.seq);
    expect(all.length).toBeGreaterThanOrEqual(7);
    const paged: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = AuditResponse.parse((await api(server.url, 'GET', `/audit?limit=3${before === undefined ? '' : `&before=${before}`}`, operator)).json).entries.map((e) => e.seq);
      paged.push(...page);
      if (page.length < 3) break;
      before = page.at(-1);
    }
    expect(paged).toEqual(all);
    expect([...paged].sort((a, b) => b - a)).toEqual(paged);
  });
});

describe('audit detail in words', () => {
  it('says a check’s force, result and note, and plain fields', () => {
    const t = (k: string): string => ({ 'force.customs': 'Hải quan', 'decl.rejected': 'Từ chối' })[k] ?? k;
    expect(detailText(t, { force: 'customs', result: 'rejected', note: 'thiếu C/O', eventId: 'chk-1' })).toBe('Hải quan · Từ chối · “thiếu C/O”');
    expect(detailText(t, { speed: 60, paused: false })).toBe('speed: 60 · paused: false');
  });
});
