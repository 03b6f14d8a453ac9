import express, { Router, type Request } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../../shared/config.ts';
import { hashApiKey } from '../../security/secrets.ts';
import type { AppCore } from '../../core/app-core.ts';
import { sendError } from '../guards/errors.ts';
import { parseBody } from './body-text.ts';
import type { BatchFormat } from './parse-batch.ts';

// POST /api/v1/events: authenticate → read body → split into items → the core's ingest use case → respond.

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface EventsRouterDeps {
  config: Config;
  core: AppCore;
  logger: Logger;
}

/** API key hash (sha256) → the one gate it may send for. */
export function gateKeyIndex(config: Config): Map<string, string> {
  const index = new Map<string, string>();
  for (const gate of config.gates) for (const key of gate.apiKeys) index.set(key.hash, gate.id);
  return index;
}

export const bearerToken = (req: Request): string | undefined =>
  /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];

function formatOf(req: Request): BatchFormat | undefined {
  if (req.is('application/json')) return 'json';
  if (req.is('application/x-ndjson') || req.is('application/ndjson')) return 'ndjson';
  return undefined;
}

export function eventsRouter(deps: EventsRouterDeps): Router {
  const keys = gateKeyIndex(deps.config);
  const gateOf = (req: Request): string | undefined => {
    const token = bearerToken(req);
    return token === undefined ? undefined : keys.get(hashApiKey(token));
  };
  const router = Router();
  router.post(
    '/events',
    (req, res, next) => {
      if (!bearerToken(req)) return sendError(res, 'unauthorized', 'missing Authorization: Bearer <gate API key>');
      if (!gateOf(req)) return sendError(res, 'unauthorized', 'unknown API key');
      if (!formatOf(req)) {
        return sendError(res, 'unsupported_media_type', 'send application/json (an array) or application/x-ndjson');
      }
      next();
    },
    express.raw({ type: () => true, limit: MAX_BODY_BYTES }),
    async (req, res) => {
      const gateId = gateOf(req);
      const format = formatOf(req);
      if (!gateId || !format) return sendError(res, 'unauthorized', 'unknown API key');
      const raw: unknown = req.body;
      const parsed = parseBody(format, Buffer.isBuffer(raw) ? raw : Buffer.alloc(0));
      if (!parsed.ok) return sendError(res, parsed.error, parsed.message);
      const result = await deps.core.ingest(gateId, parsed.items);
      const reqId = res.getHeader('x-request-id');
      deps.logger.info(
        { reqId, gateId, items: parsed.items.length, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length },
        'events batch',
      );
      res.json(result);
    },
  );
  return router;
}
