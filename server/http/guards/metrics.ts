import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RejectCode } from '../../../shared/errors.ts';
import type { GateStatus } from '../../../shared/gates.ts';
import type { Change } from '../../core/change-feed.ts';
import { sendError } from './errors.ts';

// GET /metrics in Prometheus text format. One registry per app (no global state shared between
// tests). Ingest results are counted from the response the gate receives, so the numbers are
// exactly what gates were told; queues and sockets are read from the state when scraped.

export interface MetricsSource {
  gateStatuses(): readonly GateStatus[];
  socketsByRole(): Record<string, number>;
  socketsCutOff(): Record<string, number>;
  /** Log rows the rebuild at start could not decode (left out of every figure). */
  undecodableEvents(): number;
  /** The journal position this node's state stands at (the live stream's seq). */
  journalPosition(): number;
}

export interface AppMetrics {
  /** Mount on POST /api/v1/events, before the router: counts results and times each batch. */
  observeIngest: RequestHandler;
  /** GET /metrics; with a token, only for `Authorization: Bearer <token>`. */
  scrape: RequestHandler;
  storageFault(code: string): void;
  /** A change from the core's change feed. */
  changed(change: Change): void;
}

const RESULTS = ['accepted', 'duplicate', ...RejectCode.options] as const;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

export function createMetrics(source: MetricsSource, opts: { token?: string } = {}): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const events = new Counter({
    name: 'cks_ingest_events_total',
    help: 'Events sent to POST /api/v1/events, by the result each one got',
    labelNames: ['result'],
    registers: [registry],
  });
  for (const result of RESULTS) events.inc({ result }, 0);
  const requests = new Counter({
    name: 'cks_ingest_requests_total',
    help: 'Requests to POST /api/v1/events, by HTTP status',
    labelNames: ['status'],
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'cks_ingest_batch_duration_seconds',
    help: 'Time from a batch request arriving to its acknowledgement (body read, decided, committed durably)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const storageFaults = new Counter({
    name: 'cks_store_write_failures_total',
    help: 'Writes the store refused (disk full, read-only, I/O error), by error code; answered 503',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'cks_gate_queue_length',
    help: 'Trucks in the yard queue (arrived, not cleared or cancelled), per gate and direction',
    labelNames: ['gate', 'direction'],
    registers: [registry],
    collect() {
      this.reset();
      for (const g of source.gateStatuses()) {
        this.set({ gate: g.id, direction: 'export' }, g.queue.export);
        this.set({ gate: g.id, direction: 'import' }, g.queue.import);
      }
    },
  });
  new Gauge({
    name: 'cks_gate_expected',
    help: 'Declared trucks not yet arrived, per gate and direction',
    labelNames: ['gate', 'direction'],
    registers: [registry],
    collect() {
      this.reset();
      for (const g of source.gateStatuses()) {
        this.set({ gate: g.id, direction: 'export' }, g.expected.export);
        this.set({ gate: g.id, direction: 'import' }, g.expected.import);
      }
    },
  });
  new Gauge({
    name: 'cks_live_sockets',
    help: 'Connected live (Socket.IO) clients by role',
    labelNames: ['role'],
    registers: [registry],
    collect() {
      for (const [role, n] of Object.entries(source.socketsByRole())) this.set({ role }, n);
    },
  });
  new Gauge({
    name: 'cks_live_sockets_cut_off',
    help: 'Live clients disconnected for sending unknown events or flooding resync, since start',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      for (const [reason, n] of Object.entries(source.socketsCutOff())) this.set({ reason }, n);
    },
  });

  new Gauge({
    name: 'cks_log_undecodable_events',
    help: 'Event log rows that could not be decoded at start (not JSON or not an event); missing from every figure',
    registers: [registry],
    collect() {
      this.set(source.undecodableEvents());
    },
  });

  new Gauge({
    name: 'cks_journal_position',
    help: "The journal position this node's state stands at (the live stream's seq; equal on every caught-up node)",
    registers: [registry],
    collect() {
      this.set(source.journalPosition());
    },
  });
  const changes = new Counter({
    name: 'cks_changes_total',
    help: 'Changes published by the core (committed here or read from other nodes, clock ticks), by what they touched',
    labelNames: ['touched'],
    registers: [registry],
  });
  for (const touched of ['gates', 'declarations', 'notices', 'clock']) changes.inc({ touched }, 0);

  const countResult = (body: unknown): void => {
    if (!isRecord(body) || typeof body.accepted !== 'number' || typeof body.duplicates !== 'number' || !Array.isArray(body.rejected)) return;
    events.inc({ result: 'accepted' }, body.accepted);
    events.inc({ result: 'duplicate' }, body.duplicates);
    const byCode = new Map<string, number>();
    for (const item of body.rejected as unknown[]) {
      if (isRecord(item) && typeof item.code === 'string') byCode.set(item.code, (byCode.get(item.code) ?? 0) + 1);
    }
    for (const [result, n] of byCode) events.inc({ result }, n);
  };

  return {
    observeIngest(req, res, next) {
      if (req.method !== 'POST') return next();
      const stop = batchSeconds.startTimer();
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode === 200) countResult(body);
        return json(body);
      };
      res.once('finish', () => {
        requests.inc({ status: String(res.statusCode) });
        if (res.statusCode === 200) stop();
      });
      next();
    },
    async scrape(req, res) {
      if (opts.token !== undefined && !sameSecret(req.headers.authorization ?? '', `Bearer ${opts.token}`)) {
        return sendError(res, 'unauthorized', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
      }
      res.setHeader('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    },
    storageFault: (code) => storageFaults.inc({ code }),
    changed(c) {
      if (c.gates.size > 0) changes.inc({ touched: 'gates' });
      if (c.declarations.size > 0) changes.inc({ touched: 'declarations' });
      if (c.notices.size > 0) changes.inc({ touched: 'notices' });
      if (c.clock) changes.inc({ touched: 'clock' });
    },
  };
}
