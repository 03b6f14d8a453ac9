import { Router } from 'express';
import type { Alert } from '../../shared/alerts.ts';
import { AuditQuery, type AuditResponse } from '../../shared/audit.ts';
import type { SessionUser } from '../../shared/auth.ts';
import type { DeclarationList, DeclarationView } from '../../shared/declarations.ts';
import type { LiveCore } from '../core.ts';
import { alertsList, declarationView, plateSearchKey, type DeclarationState } from '../domain/index.ts';
import type { AuditLog } from '../store/side-tables.ts';
import type { AuditTrail } from './audit-trail.ts';
import { idParam, requireRole, signedIn } from './auth.ts';
import { sendError } from './errors.ts';
import { describeIssues } from './ingest.ts';

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

export function peopleRouter(deps: { core: LiveCore; audit: AuditTrail; auditLog: AuditLog }): Router {
  const { core } = deps;
  const { state } = core;
  const router = Router();
  const view = (id: string): DeclarationView[] => {
    const v = declarationView(state, id, core.eventsOf(id), core.clock.now());
    return v ? [v] : [];
  };
  const newestFirst = (ids: Iterable<string>): string[] =>
    [...ids].sort((a, b) => declaredAtOf(state.declarations.get(b)) - declaredAtOf(state.declarations.get(a)) || b.localeCompare(a));

  router.get('/declarations/:id', requireRole('operator', 'border_force', 'enterprise'), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const decl = state.declarations.get(idParam(req));
    // Not yours is "not found": a competitor must not learn that a declaration id exists.
    if (!decl || !mayRead(user, decl)) return sendError(res, 'not_found', `no declaration ${idParam(req)}`);
    res.json(view(idParam(req))[0]);
  });

  router.get('/vehicles', requireRole('operator', 'border_force'), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const query = typeof req.query.plate === 'string' ? req.query.plate.slice(0, 64) : '';
    if (Array.from(plateSearchKey(query)).length < 2) return sendError(res, 'bad_request', 'plate: give at least 2 letters or digits (?plate=12C-123.45)');
    const ids = state.plates.find(query);
    const visible = [...ids].filter((id) => {
      const decl = state.declarations.get(id);
      return decl !== undefined && mayRead(user, decl);
    });
    const body: DeclarationList = { declarations: newestFirst(visible).slice(0, MAX_PLATE_RESULTS).flatMap(view) };
    res.json(body);
  });

  router.get('/my/declarations', requireRole('enterprise'), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    if (user.taxCode === undefined) return sendError(res, 'forbidden', 'this account has no tax code');
    const own = state.byTaxCode.get(user.taxCode) ?? new Set<string>();
    const body: DeclarationList = { declarations: newestFirst(own).slice(0, MAX_OWN_DECLARATIONS).flatMap(view) };
    res.json(body);
  });

  router.get('/alerts', requireRole('operator'), (_req, res) => {
    const body: { alerts: Alert[] } = { alerts: alertsList(state, core.alertThreshold) };
    res.json(body);
  });

  router.get('/audit', requireRole('operator'), (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const { actor, action, from, to, limit } = query.data;
    const rows = deps.auditLog.query({
      limit,
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
