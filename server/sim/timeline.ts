import { BatchResult, ClockStatus, LoginResponse, MAX_EVENTS_PER_BATCH, type RejectCode, type TruckEvent } from '../../shared/index.ts';
import type { ScheduledNotice } from './scenario/params.ts';

// Replays a timeline of truck events and stop-receiving notices into a server through its public
// API only: events as gate systems send them (gate keys, batches), notices as an operator issues
// them (a signed-in operator's token). `advanceTo(t)` sends everything that happened up to t.

export interface ReplayTally {
  sent: number;
  total: number;
  accepted: number;
  duplicates: number;
  rejected: Partial<Record<RejectCode, number>>;
  noticesIssued: number;
}

export interface ReplayOptions {
  url: string;
  /** The key a gate's events are sent with. */
  keyFor: (gateId: string) => string | undefined;
  /** Sorted by occurredAt. */
  events: readonly TruckEvent[];
  notices?: readonly ScheduledNotice[];
  /** Bearer token of an operator, needed only when there are notices. */
  operatorToken?: () => Promise<string>;
  batchSize?: number;
  /** Notices issued before this instant were issued by an earlier run: resuming, do not issue them again. */
  resumeAt?: number;
}

export interface Replayer {
  advanceTo(t: number): Promise<void>;
  readonly tally: ReplayTally;
  done(): boolean;
  /** occurredAt of the first event, or Infinity. */
  firstAt(): number;
}

export function createReplayer(opts: ReplayOptions): Replayer {
  const notices = [...(opts.notices ?? [])].sort((a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt));
  const times = opts.events.map((e) => Date.parse(e.occurredAt));
  const tally: ReplayTally = { sent: 0, total: opts.events.length, accepted: 0, duplicates: 0, rejected: {}, noticesIssued: 0 };
  let next = 0;
  let nextNotice = 0;

  async function post(batch: readonly TruckEvent[]): Promise<void> {
    for (const { events, result } of await postByGate(opts.url, opts.keyFor, batch)) {
      tally.sent += events.length;
      tally.accepted += result.accepted;
      tally.duplicates += result.duplicates;
      for (const r of result.rejected) tally.rejected[r.code] = (tally.rejected[r.code] ?? 0) + 1;
    }
  }

  async function issue(n: ScheduledNotice): Promise<void> {
    if (!opts.operatorToken) throw new Error('notices need an operator to issue them');
    if (Date.parse(n.issuedAt) < (opts.resumeAt ?? -Infinity)) return;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await opts.operatorToken()}` };
    const res = await fetch(`${opts.url}/api/v1/notices`, { method: 'POST', headers, body: JSON.stringify(n.draft) });
    if (!res.ok) throw new Error(`POST /api/v1/notices: HTTP ${res.status} ${await res.text()}`);
    tally.noticesIssued++;
  }

  return {
    tally,
    done: () => next >= opts.events.length && nextNotice >= notices.length,
    firstAt: () => times[0] ?? Infinity,
    async advanceTo(t) {
      const batchSize = opts.batchSize ?? 5000;
      while (true) {
        const noticeAt = nextNotice < notices.length ? Date.parse(notices[nextNotice]?.issuedAt ?? '') : Infinity;
        const limit = Math.min(t, noticeAt);
        let end = next;
        while (end < times.length && end - next < batchSize && (times[end] ?? Infinity) <= limit) end++;
        if (end > next) {
          await post(opts.events.slice(next, end));
          next = end;
          continue;
        }
        const notice = notices[nextNotice];
        if (notice && noticeAt <= t) {
          await issue(notice);
          nextNotice++;
          continue;
        }
        return;
      }
    },
  };
}

/** Send events as their gates' systems would: NDJSON requests per gate (≤ 10,000 events each), with that gate's key. */
export async function postByGate(
  url: string,
  keyFor: (gateId: string) => string | undefined,
  batch: readonly TruckEvent[],
): Promise<{ events: TruckEvent[]; result: BatchResult }[]> {
  const byGate = new Map<string, TruckEvent[]>();
  for (const e of batch) {
    const list = byGate.get(e.gateId) ?? [];
    list.push(e);
    byGate.set(e.gateId, list);
  }
  const out: { events: TruckEvent[]; result: BatchResult }[] = [];
  for (const [gateId, all] of byGate) {
    for (let i = 0; i < all.length; i += MAX_EVENTS_PER_BATCH) {
      const events = all.slice(i, i + MAX_EVENTS_PER_BATCH);
      const res = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keyFor(gateId) ?? ''}` },
        body: events.map((e) => JSON.stringify(e)).join('\n'),
      });
      if (!res.ok) throw new Error(`POST /api/v1/events (${gateId}): HTTP ${res.status} ${await res.text()}`);
      out.push({ events, result: BatchResult.parse(await res.json()) });
    }
  }
  return out;
}

/** An operator's bearer token for issuing notices: signs in on first use, then reuses the token. */
export function signInOnce(url: string, username: string, password: string): () => Promise<string> {
  let token: string | undefined;
  return async () => {
    if (token) return token;
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`sign-in of ${username} to issue notices failed: HTTP ${res.status}`);
    return (token = LoginResponse.parse(await res.json()).token);
  };
}

/** The target server's clock: wall time, or a replay clock whose now is the replayed instant. */
export async function targetClock(url: string): Promise<ClockStatus> {
  const res = await fetch(`${url}/api/v1/clock`);
  if (!res.ok) throw new Error(`GET /api/v1/clock: HTTP ${res.status}`);
  return ClockStatus.parse(await res.json());
}
