import { Router } from 'express';
import type { Alert } from '../../../shared/alerts.ts';
import { AuditQuery, type AuditResponse } from '../../../shared/audit.ts';
import type { SessionUser } from '../../../shared/auth.ts';
import type { DeclarationList, DeclarationView } from '../../../shared/declarations.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { declarationView, findByPlate, idsOfTaxCode, laneQueuesOnce, plateSearchKey, type DeclarationState, type LiveState } from '../../domain/index.ts';
import type { AuditLog } from '../../store/side-tables.ts';
import type { AuditTrail } from './audit-trail.ts';
import { idParam, requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';

// Reads for the people at work (CONTRACT §3): one declaration, a plate search, an enterprise's own
// trucks, operator alerts and the audit log. Each list is bounded and newest first.

export const MAX_PLATE_RESULTS = 100;
export const MAX_OWN_DECLARATIONS = 500;

/** Who may read a declaration: operators, the border forces of its gate, the enterprise that owns it. */
export function mayRead(user: SessionUser, decl: DeclarationState): boolean {
  if (user.role === 'operator') return true;
  if (user.role === 'border_force') return user.gateId === decl.declared.gateId;
  return user.taxCode === decl.declared.enterprise.taxCode;
}

const declaredAtOf = (d: DeclarationState | undefined): number => (d ? Date.parse(d.declared.occurredAt) : 0);

export function peopleRouter(deps: { core: AppCore; audit: AuditTrail; auditLog: AuditLog }): Router {
  const { core } = deps;
  const router = Router();
  // A declaration's view needs its events from the log (a store read): read them, then build the views.
  const views = async (ids: readonly string[]): Promise<DeclarationView[]> => {
    const events = await Promise.all(ids.map((id) => core.eventsOf(id)));
    const now = core.clock.now();
    return core.read((s) => {
      const queuesOf = laneQueuesOnce(s);
      return ids.flatMap((id, i) => declarationView(s, id, events[i] ?? [], now, queuesOf) ?? []);
    });
  };
  const newestFirst = (s: Readonly<LiveState>, ids: Iterable<string>): string[] =>
    [...ids].sort((a, b) => declaredAtOf(s.declarations.get(b)) - declaredAtOf(s.declarations.get(a)) || b.localeCompare(a));

  router.get('/declarations/:id', requireRole('operator', 'border_force', 'enterprise'), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const id = idParam(req);
    // Not yours is "not found": a competitor must not learn that a declaration id exists.
    if (!core.read((s) => { const decl = s.declarations.get(id); return decl !== undefined && mayRead(user, decl); })) return sendError(res, 'not_found', `no declaration ${id}`);
    const [view] = await views([id]);
    if (!view) return sendError(res, 'not_found', `no declaration ${id}`);
    res.json(view);
  });

  router.get('/vehicles', requireRole('operator', 'border_force'), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const query = typeof req.query.plate === 'string' ? req.query.plate.slice(0, 64) : '';
    if (Array.from(plateSearchKey(query)).length < 2) return sendError(res, 'bad_request', 'plate: give at least 2 letters or digits (?plate=12C-123.45)');
    const found = core.read((s) => {
      const visible = findByPlate(s, query).filter((id) => {
        const decl = s.declarations.get(id);
        return decl !== undefined && mayRead(user, decl);
      });
      return newestFirst(s, visible).slice(0, MAX_PLATE_RESULTS);
    });
    const body: DeclarationList = { declarations: await views(found) };
    res.json(body);
  });

  // One box for a declaration number or a plate (the console's look-up): one request, one answer — an id
  // that matches nothing is an empty list, not a 404 — with the plate rule of GET /vehicles.
  router.get('/lookup', requireRole('operator', 'border_force'), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 64) : '';
    if (q === '') return sendError(res, 'bad_request', 'q: a declaration number or a plate (?q=64R-522.81)');
    const found = core.read((s) => {
      const ids = new Set<string>();
      if (s.declarations.has(q)) ids.add(q);
      if (Array.from(plateSearchKey(q)).length >= 2) for (const id of findByPlate(s, q)) ids.add(id);
      const visible = [...ids].filter((id) => {
        const decl = s.declarations.get(id);
        return decl !== undefined && mayRead(user, decl);
      });
      return newestFirst(s, visible).slice(0, MAX_PLATE_RESULTS);
    });
    const body: DeclarationList = { declarations: await views(found) };
    res.json(body);
  });

  router.get('/my/declarations', requireRole('enterprise'), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    if (user.taxCode === undefined) return sendError(res, 'forbidden', 'this account has no tax code');
    const { taxCode } = user;
    const own = core.read((s) => newestFirst(s, idsOfTaxCode(s, taxCode)).slice(0, MAX_OWN_DECLARATIONS));
    const body: DeclarationList = { declarations: await views(own) };
    res.json(body);
  });

  router.get('/alerts', requireRole('operator'), (_req, res) => {
    const body: { alerts: Alert[] } = { alerts: core.alerts() };
    res.json(body);
  });

  router.get('/audit', requireRole('operator'), async (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const { actor, action, from, to, limit, before } = query.data;
    const rows = await deps.auditLog.query({
      limit,
      ...(before === undefined ? {} : { beforeSeq: before }),
      ...(actor === undefined ? {} : { actor }),
      ...(action === undefined ? {} : { action }),
      ...(from === undefined ? {} : { fromMs: Date.parse(from) }),
      ...(to === undefined ? {} : { toMs: Date.parse(to) }),
    });
    const body: AuditResponse = { entries: deps.audit.read(rows) };
    res.json(body);
  });

  return router;
}
