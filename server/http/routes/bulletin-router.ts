import { Router } from 'express';
import { z } from 'zod';
import { BulletinQuery } from '../../../shared/bulletin.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { dailyBulletin } from '../../domain/index.ts';
import { sendError } from '../guards/errors.ts';
import { bulletinWorkbook } from './bulletin-xlsx.ts';

// The daily bulletin (anyone: the Department publishes it): JSON for the console's printable page, and the
// same figures as an Excel file.

const XlsxQuery = BulletinQuery.extend({ lang: z.enum(['vi', 'en']).default('vi') });

export function bulletinRouter(deps: { core: AppCore }): Router {
  const { core } = deps;
  const router = Router();
  const read = (date: string) => {
    const now = core.clock.now();
    return core.read((s) => dailyBulletin(s, date, now));
  };
  const notYet = (date: string): string => `the bulletin of ${date} is published at 20:00 that day; the server clock is ${core.localTime.formatIso(core.clock.now())}`;

  router.get('/bulletin', (req, res) => {
    const query = BulletinQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const bulletin = read(query.data.date);
    if (!bulletin) return sendError(res, 'bad_request', notYet(query.data.date));
    res.json(bulletin);
  });

  router.get('/bulletin.xlsx', async (req, res) => {
    const query = XlsxQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const bulletin = read(query.data.date);
    if (!bulletin) return sendError(res, 'bad_request', notYet(query.data.date));
    const file = await bulletinWorkbook(bulletin, query.data.lang);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ban-tin-${query.data.date}.xlsx"`);
    res.send(file);
  });

  return router;
}
