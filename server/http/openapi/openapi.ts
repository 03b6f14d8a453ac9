import { z } from 'zod';
import { ForecastQuery, ForecastResponse } from '../../../shared/forecast.ts';
import { createDocument, type ZodOpenApiResponseObject } from 'zod-openapi';
import { PublicConfig } from '../../../shared/config.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { TruckEvent } from '../../../shared/events.ts';
import { GateStatus, GatesQuery, GatesResponse, HistoryQuery, HistoryResponse } from '../../../shared/gates.ts';
import { BatchResult } from '../../../shared/ingest.ts';
import { GateId } from '../../../shared/primitives.ts';
import { notifyPaths } from './openapi-notify.ts';
import { procedurePaths } from './openapi-procedures.ts';
import { peoplePaths, storyPaths } from './openapi-people.ts';

// OpenAPI 3.1 generated from the shared zod schemas — the same ones that validate the wire.

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ErrorBody) });

const Health = z.object({
  ok: z.literal(true),
  seq: z.number().int(),
  events: z.number().int(),
  /** Present while the log holds rows the server could not decode at start: it serves, without them. */
  undecodableEvents: z.object({ count: z.number().int(), seqs: z.array(z.number().int()) }).optional(),
});
const EventBatch = z.array(TruckEvent).max(10_000);

function responses(ok: { description: string; schema: z.ZodType }, errors: Record<string, string>): Record<string, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = { '200': { description: ok.description, ...json(ok.schema) } };
  for (const [status, description] of Object.entries(errors)) out[status] = error(description);
  out['500'] = error('internal error (never with a stack trace)');
  return out;
}

export function openApiDocument(): ReturnType<typeof createDocument> {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Cửa khẩu số API', version: '1.0.0', description: 'Digital border gates of Lạng Sơn: truck events in, gate status out.' },
    components: {
      // TruckEvent is a request body only (its plate normalises on input), so it stays inline.
      schemas: { BatchResult, GateStatus, GatesResponse, HistoryResponse, ErrorBody, PublicConfig },
      securitySchemes: {
        gateKey: { type: 'http', scheme: 'bearer', description: 'Gate API key' },
        session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Session token from POST /api/v1/auth/login' },
      },
    },
    paths: {
      ...peoplePaths,
      ...storyPaths,
      ...notifyPaths,
      ...procedurePaths,
      '/api/v1/events': {
        post: {
          summary: 'Send truck events (JSON array or NDJSON, up to 10,000)',
          security: [{ gateKey: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: EventBatch },
              'application/x-ndjson': { schema: z.string().meta({ description: 'one TruckEvent JSON object per line' }) },
            },
          },
          responses: responses(
            { description: 'per-item results: accepted + duplicates + rejected.length = items sent', schema: BatchResult },
            {
              '400': 'body is not JSON/NDJSON, or JSON but not an array',
              '401': 'missing or unknown API key',
              '413': 'more than 10,000 events or body too large',
              '415': 'content type is neither application/json nor application/x-ndjson',
              '429': 'rate limited',
            },
          ),
        },
      },
      '/api/v1/gates': {
        get: {
          summary: 'Status of every gate — now, or with `asOf` as the gates stood at that past instant (events dated at or before it, the notices whose window covers it)',
          requestParams: { query: GatesQuery },
          responses: responses({ description: 'gate status at the server clock or at `asOf`', schema: GatesResponse }, { '400': 'asOf without an offset, or after the server clock' }),
        },
      },
      '/api/v1/gates/{id}/history': {
        get: {
          summary: 'Hourly or daily figures of a gate (dense buckets, local time)',
          requestParams: { path: z.object({ id: GateId }), query: HistoryQuery },
          responses: responses({ description: 'buckets from `from` to `to`', schema: HistoryResponse }, { '400': 'bad query', '404': 'unknown gate' }),
        },
      },
      '/api/v1/gates/{id}/forecast': {
        get: {
          summary:
            'The queue ahead, hour by hour (default 72 h): trucks declared and not yet arrived, recent declaring rates per category (none while a notice in force or scheduled would refuse them), each lane’s smoothed clearance rate; a band from the recent slow and busy days; when the yard fills',
          requestParams: { path: z.object({ id: GateId }), query: ForecastQuery },
          responses: responses({ description: 'points from now, then the end of each local hour', schema: ForecastResponse }, { '400': 'bad hours', '404': 'unknown gate' }),
        },
      },
      '/api/v1/config': {
        get: { summary: 'Public configuration for the console', responses: responses({ description: 'no secrets', schema: PublicConfig }, {}) },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', responses: responses({ description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) }, {}) },
      },
      '/healthz': {
        get: { summary: 'Liveness: state version and stored events', responses: responses({ description: 'up', schema: Health }, {}) },
      },
    },
  });
}
