import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { NotificationDraft } from '../../server/store/notification-tables.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';

// The store port's notification and webhook tables (server/store/notification-tables.ts), on both
// stores: one row per notification id whoever inserts it, outbox rows only for new ones, reads per
// reader, seq order for pollers, leases on deliveries, settlements and the delivery log.

const dirs: string[] = [];
const opened: Store[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cks-notify-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const KINDS = [
  {
    kind: 'sqlite',
    async storage() {
      const file = join(tempDir(), 'events.db');
      return { open: async () => track(openSqliteStore(file)), multiNode: false };
    },
  },
  {
    kind: 'postgres',
    async storage() {
      const url = await freshDatabaseUrl();
      return { open: async () => track(await openPostgresStore(url, { dataDir: tempDir() })), multiNode: true };
    },
  },
] as const;
const track = (s: Store): Store => {
  opened.push(s);
  return s;
};

const draft = (id: string, audience: string, owner?: string): NotificationDraft => ({
  id,
  audience,
  kind: 'truck_cleared',
  atMs: 1_641_776_400_000,
  body: JSON.stringify({ id, note: 'Đã thông quan' }),
  ...(owner === undefined ? {} : { webhookOwner: owner, payload: JSON.stringify({ id, type: 'truck_cleared' }) }),
});

describe.each(KINDS)('notification tables on $kind', ({ storage }) => {
  it('keeps one row per id, makes outbox rows only for new ones, and reads per reader', async () => {
    const { open } = await storage();
    const store = await open();
    await store.webhooks.add({ id: 'wh-1', owner: '4900123456', url: 'http://127.0.0.1:9/hook', sealedSecret: 'v1.x.y.z', createdAtMs: 1 });
    const first = await store.notifications.add([draft('a', 'enterprise:4900123456', '4900123456'), draft('b', 'operator')], 1_000);
    expect(first.sort()).toEqual(['a', 'b']);
    // Again (another node, a repeated fact): nothing new, no second delivery.
    expect(await store.notifications.add([draft('a', 'enterprise:4900123456', '4900123456')], 2_000)).toEqual([]);
    expect((await store.webhooks.deliveries('wh-1', 10)).map((d) => d.eventId)).toEqual(['a']);

    await store.notifications.add([draft('c', 'enterprise:4900123456'), draft('d', 'enterprise:4900123456')], 3_000);
    expect(await store.notifications.unread('enterprise:4900123456', 'dn.hoaquaxanh')).toBe(3);
    await store.notifications.markRead('enterprise:4900123456', 'dn.hoaquaxanh', ['c', 'b']); // b is not this audience's
    expect(await store.notifications.unread('enterprise:4900123456', 'dn.hoaquaxanh')).toBe(2);
    // Another reader of the same audience has read nothing.
    expect(await store.notifications.unread('enterprise:4900123456', 'someone.else')).toBe(3);
    const page = await store.notifications.list('enterprise:4900123456', 'dn.hoaquaxanh', { limit: 2 });
    expect(page.map((r) => [JSON.parse(r.body).id, r.read])).toEqual([
      ['d', false],
      ['c', true],
    ]);
    const older = await store.notifications.list('enterprise:4900123456', 'dn.hoaquaxanh', { limit: 2, before: page.at(-1)?.seq ?? 0 });
    expect(older.map((r) => JSON.parse(r.body).id)).toEqual(['a']);
    await store.notifications.markAllRead('enterprise:4900123456', 'dn.hoaquaxanh');
    expect(await store.notifications.unread('enterprise:4900123456', 'dn.hoaquaxanh')).toBe(0);
    await store.notifications.add([draft('e', 'enterprise:4900123456')], 4_000);
    expect(await store.notifications.unread('enterprise:4900123456', 'dn.hoaquaxanh')).toBe(1);

    const all = await store.notifications.since(0, 100);
    expect(all.map((r) => JSON.parse(r.body).id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await store.notifications.since(all[2]?.seq ?? 0, 100)).toHaveLength(2);
    expect(await store.notifications.top()).toBe(all.at(-1)?.seq);
  });

  it('leases due deliveries once, settles them and keeps them across a restart', async () => {
    const { open, multiNode } = await storage();
    let store = await open();
    await store.webhooks.add({ id: 'wh-1', owner: '4900123456', url: 'http://127.0.0.1:9/hook', sealedSecret: 's', createdAtMs: 1 });
    await store.notifications.add([draft('a', 'enterprise:4900123456', '4900123456'), draft('b', 'enterprise:4900123456', '4900123456')], 1_000);
    const claimed = await store.webhooks.claim(1_000, 60_000, 10);
    expect(claimed.map((c) => c.eventId).sort()).toEqual(['a', 'b']);
    expect(claimed[0]?.url).toBe('http://127.0.0.1:9/hook');
    // Leased: nobody takes them again until the lease ends.
    expect(await store.webhooks.claim(2_000, 60_000, 10)).toEqual([]);
    const [a, b] = [...claimed].sort((x, y) => x.eventId.localeCompare(y.eventId));
    await store.webhooks.settle(a?.id ?? '', { delivered: true, atMs: 3_000, status: 204 });
    await store.webhooks.settle(b?.id ?? '', { delivered: false, atMs: 3_000, status: 500, error: 'HTTP 500', nextAtMs: 10_000 });
    expect(await store.webhooks.claim(9_999, 60_000, 10)).toEqual([]);

    if (!multiNode) {
      await store.close();
      store = await open();
    } else {
      store = await open(); // another node
    }
    const again = await store.webhooks.claim(10_000, 60_000, 10);
    expect(again.map((c) => [c.eventId, c.attempts])).toEqual([['b', 1]]);
    await store.webhooks.settle(again[0]?.id ?? '', { delivered: false, atMs: 11_000, error: 'ECONNREFUSED' });
    const log = await store.webhooks.deliveries('wh-1', 10);
    expect(log.map((d) => [d.eventId, d.state, d.attempts]).sort()).toEqual([
      ['a', 'delivered', 1],
      ['b', 'dead', 2],
    ]);
    expect(log.find((d) => d.eventId === 'b')?.lastError).toBe('ECONNREFUSED');

    expect(await store.webhooks.remove('0000000000', 'wh-1')).toBe(false);
    expect(await store.webhooks.remove('4900123456', 'wh-1')).toBe(true);
    expect(await store.webhooks.deliveries('wh-1', 10)).toEqual([]);
    expect(await store.webhooks.list('4900123456')).toEqual([]);
  });
});

describe('two PostgreSQL nodes', () => {
  it('claim disjoint deliveries at the same moment (FOR UPDATE SKIP LOCKED)', async () => {
    const url = await freshDatabaseUrl();
    const [a, b] = [track(await openPostgresStore(url, { dataDir: tempDir() })), track(await openPostgresStore(url, { dataDir: tempDir() }))];
    await a.webhooks.add({ id: 'wh-1', owner: '4900123456', url: 'http://127.0.0.1:9/', sealedSecret: 's', createdAtMs: 1 });
    await a.notifications.add(Array.from({ length: 40 }, (_, i) => draft(`n${i}`, 'enterprise:4900123456', '4900123456')), 1_000);
    const [ca, cb] = await Promise.all([a.webhooks.claim(1_000, 60_000, 30), b.webhooks.claim(1_000, 60_000, 30)]);
    const ids = [...ca, ...cb].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });
});
