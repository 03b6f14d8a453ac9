import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { AmendRequest, DeclarationView } from '../../../shared/declarations.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Bulletin, BulletinQuery } from '../../../shared/bulletin.ts';
import { TradeQuery } from '../../../shared/trade.ts';
import { HistoryQuery } from '../../../shared/gates.ts';
import { CustomsImportQuery, CustomsImportReport } from '../../../shared/customs.ts';
import { AuditEntry } from '../../../shared/audit.ts';
import { ProcedureChangeRequest, ProcedurePreview, ProceduresResponse, RuleChange, ServicePatternRequest, StepRequest } from '../../../shared/procedures.ts';

// OpenAPI paths of the procedure as data (rules, service patterns, hand-over steps) and the daily bulletin.

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

function answers(status: string, description: string, schema: z.ZodType, errors: Record<string, string>): Record<string, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = { [status]: { description, ...json(schema) } };
  for (const [code, text] of Object.entries({ '500': 'internal error', '503': 'the store is unavailable', ...errors })) out[code] = { description: text, ...json(ErrorBody) };
  return out;
}

const ProcedureChangeAnswer = z.object({ change: RuleChange, preview: ProcedurePreview });
const ProcedureDryRun = z.object({ dryRun: z.literal(true), preview: ProcedurePreview });

export const procedurePaths: ZodOpenApiPathsObject = {
  '/api/v1/bulletin': {
    get: {
      summary: 'The daily bulletin of a local date (anyone): per gate at 20:00 the trucks waiting by direction and goods; arrived, cleared and turned around in the 24 h before; the notices in force',
      requestParams: { query: BulletinQuery },
      responses: answers('200', 'the bulletin', Bulletin, { '400': 'bad date, or its 20:00 is after the server clock' }),
    },
  },
  '/api/v1/trade.xlsx': {
    get: {
      summary: 'Operator: the trade report as an Excel sheet (the rows of the console\'s CSV: money to cents, percent of plan, change as a fraction)',
      security: [{ session: [] }],
      requestParams: { query: TradeQuery },
      responses: {
        '200': { description: 'the workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) } } },
        '400': { description: 'bad period or gate', ...json(ErrorBody) },
        '401': { description: 'no session', ...json(ErrorBody) },
        '403': { description: 'not an operator', ...json(ErrorBody) },
      },
    },
  },
  '/api/v1/gates/{id}/history.xlsx': {
    get: {
      summary: 'A gate\'s history as an Excel sheet (the rows of the console\'s CSV)',
      requestParams: { path: z.object({ id: z.string() }), query: HistoryQuery },
      responses: {
        '200': { description: 'the workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) } } },
        '400': { description: 'bad query', ...json(ErrorBody) },
        '404': { description: 'unknown gate', ...json(ErrorBody) },
      },
    },
  },
  '/api/v1/bulletin.xlsx': {
    get: {
      summary: 'The same bulletin as an Excel workbook (a sheet of figures, a sheet of notices)',
      requestParams: { query: BulletinQuery.extend({ lang: z.enum(['vi', 'en']).optional() }) },
      responses: {
        '200': { description: 'the workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) } } },
        '400': { description: 'bad date, or its 20:00 is after the server clock', ...json(ErrorBody) },
      },
    },
  },
  '/api/v1/procedures': {
    get: {
      summary: 'The hand-over procedure rules (configured and changed in the console, newest first), the perishable categories and each gate\'s service pattern now',
      responses: answers('200', 'rules and patterns', ProceduresResponse, {}),
    },
    post: {
      summary:
        'Operator: a new procedure (steps: the forces\' checks and a hand-over step, in order or not) for gates × direction × categories from effectiveFrom (now or later; ' +
        'a truck keeps the procedure in force when it arrived). `?dryRun=true` answers the preview only and writes nothing.',
      security: [{ session: [] }],
      requestParams: { query: z.object({ dryRun: z.enum(['true', 'false']).optional() }) },
      requestBody: { required: true, ...json(ProcedureChangeRequest) },
      responses: {
        ...answers('201', 'the change as the journal keeps it, and what it does to the trucks in scope', ProcedureChangeAnswer, {
          '400': 'malformed, an unknown gate, or effectiveFrom in the past',
          '401': 'no session',
          '403': 'not an operator',
        }),
        '200': { description: 'dry run: the preview', ...json(ProcedureDryRun) },
      },
    },
  },
  '/api/v1/service-patterns': {
    post: {
      summary: 'Operator: set gates\' service pattern from now — `priority` perishable trucks, then `regular` others, and again; `pattern: null` is first come, first served',
      security: [{ session: [] }],
      requestBody: { required: true, ...json(ServicePatternRequest) },
      responses: answers('201', 'the change as the journal keeps it', RuleChange, { '400': 'malformed or an unknown gate', '401': 'no session', '403': 'not an operator' }),
    },
  },
  '/api/v1/customs/imports': {
    post: {
      summary:
        'A customs officer (its gate\'s trucks) or an operator imports customs\' own confirmations — CSV (headings so_to_khai|declarationId, bien_so|plate, ngay|date dd/mm/yyyy, ' +
        'ket_qua|result thông quan/không đạt, thoi_gian|time HH:mm, ghi_chu|note, so_hieu|rowId; `,` or `;`) or JSON rows with the English names. Matched by declaration number, else plate and date; ' +
        'each matched row is a `checked` event by customs whose eventId is made of the row, so the same file again changes nothing. `dryRun=true` (the default) reports without writing.',
      security: [{ session: [] }],
      requestParams: { query: CustomsImportQuery },
      requestBody: { required: true, content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.unknown() } } },
      responses: {
        ...answers('201', 'imported: the report, rows applied', CustomsImportReport, {
          '400': 'not CSV or JSON rows',
          '401': 'no session',
          '403': 'not customs or an operator',
          '413': 'over 5 MB or 20,000 rows',
          '415': 'neither text/csv nor application/json',
        }),
        '200': { description: 'dry run: the report', ...json(CustomsImportReport) },
      },
    },
    get: {
      summary: 'The last 50 imports (from the audit log)',
      security: [{ session: [] }],
      responses: answers('200', 'imports', z.object({ imports: z.array(AuditEntry) }), { '401': 'no session', '403': 'not customs or an operator' }),
    },
  },
  '/api/v1/declarations/{id}/amendments': {
    post: {
      summary:
        'The enterprise that owns a declaration corrects it (CONTRACT §1 "Amendments"): plate, trailer, goods description, category, HS code, weight, value, local goods — ' +
        'recorded as an `amended` event; refused after clearing or cancel, and when a new category would bring a truck not yet arrived under a stop-receiving notice (409 `not_receiving` naming `noticeId`)',
      security: [{ session: [] }],
      requestParams: { path: z.object({ id: z.string() }) },
      requestBody: { required: true, ...json(AmendRequest) },
      responses: answers('201', 'the declaration with its effective values and every change', DeclarationView, {
        '400': 'no field, or a field that cannot be amended, or a value the declared rules refuse',
        '401': 'no session',
        '403': 'not an enterprise',
        '404': 'no such declaration of yours',
        '409': '`conflict`: cleared or cancelled already; `not_receiving`: a stop-receiving notice (`noticeId`, also in the message)',
      }),
    },
  },
  '/api/v1/declarations/{id}/steps': {
    post: {
      summary:
        'Confirm or refuse the hand-over step of a truck in the yard: the border force its procedure names (signed in), or the yard operator (the gate\'s API key as the bearer)',
      security: [{ session: [] }, { gateKey: [] }],
      requestParams: { path: z.object({ id: z.string() }) },
      requestBody: { required: true, ...json(StepRequest) },
      responses: answers('201', 'the declaration after the step', DeclarationView, {
        '400': 'malformed body',
        '401': 'no session or key',
        '403': 'the procedure names another actor, or not a border force',
        '404': 'no such declaration at your gate',
        '409': 'not in the yard, no hand-over step in its procedure, or its turn has not come',
      }),
    },
  },
};
