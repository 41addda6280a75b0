/**
 * The Tibetan review. `GET /api/translations/bo` is public: the reviewed overlay every Tibetan
 * reader applies (ETag, revalidated; the service worker keeps it for offline). `/api/review/*`
 * is for reviewers (any official granted with `lotho review grant`): the items, the decisions,
 * the audit log, exports as XLIFF 2.0 and CSV, and imports of such a file, shown as a diff first.
 */
import { Hono, type Context } from 'hono';
import { ReviewDecisionsRequestSchema, ReviewImportRequestSchema, type ReviewImportResponse } from '../../contract/review.ts';
import type { AuthOptions } from '../auth/options.ts';
import { requireSession, type AuthEnv } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { planDecisions, planImport, readReviewFile, ReviewFileError, toCsv, toXliff } from '../review/files.ts';
import { DecisionError, type ReviewService } from '../review/service.ts';
import { readJson } from '../request.ts';
import type { ServerStorage } from '../storage/types.ts';

const DECISION_MESSAGES: Record<DecisionError['code'], string> = {
  unknown_item: 'No review item has this id (the text changed since the page was loaded?)',
  empty_text: 'An edit needs the Tibetan text',
  placeholders: 'The edit must keep the placeholders of the Chinese ({name}), no more, no fewer',
  empty_comment: 'A comment needs its text',
};

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DecisionError) throw new ApiError(400, error.code, `${DECISION_MESSAGES[error.code]}: ${error.itemId}`);
    if (error instanceof ReviewFileError) throw new ApiError(400, error.code, error.code === 'unreadable' ? 'The file is neither XLIFF 2.0 nor CSV as Lotho exports them' : 'The file has no units');
    throw error;
  }
}

export function translationRoutes(review: ReviewService): Hono {
  const routes = new Hono();
  routes.get('/bo', async (c) => {
    const overlay = await review.overlay();
    const etag = `"t-${overlay.revision}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.json(overlay);
  });
  return routes;
}

export function reviewRoutes(storage: ServerStorage, review: ReviewService, options: AuthOptions, now: () => Date): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', requireSession(storage, options, now));
  routes.use('*', async (c, next) => {
    if (!(await storage.isReviewer(c.var.session.user.id))) {
      throw new ApiError(403, 'not_reviewer', 'Reviewing Tibetan needs a grant: an admin runs `lotho review grant <username>`');
    }
    await next();
    c.header('Cache-Control', 'no-store');
  });

  routes.get('/items', async (c) => c.json({ items: await review.items(), reviewer: c.var.session.user.username }));

  routes.get('/log', async (c) => c.json({ entries: await storage.reviewLog(c.req.query('item')) }));

  routes.post('/decisions', async (c) => {
    const { decisions } = await readJson(c, ReviewDecisionsRequestSchema);
    const items = await guarded(() => review.decide(decisions, { username: c.var.session.user.username, via: 'app' }));
    return c.json({ items });
  });

  const exported = async (c: Context<AuthEnv>) => {
    const all = c.req.query('all') === '1';
    return (await review.items()).filter((item) => all || item.status === 'unreviewed');
  };
  routes.get('/export.xlf', async (c) => {
    c.header('Content-Type', 'application/xliff+xml; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="lotho-bo-review.xlf"');
    return c.body(await toXliff(await exported(c)));
  });
  routes.get('/export.csv', async (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="lotho-bo-review.csv"');
    return c.body(toCsv(await exported(c)));
  });

  routes.post('/import', async (c) => {
    const { text, apply } = await readJson(c, ReviewImportRequestSchema);
    const answer = await guarded(async (): Promise<ReviewImportResponse> => {
      const { format, units } = await readReviewFile(text);
      const plan = planImport(units, await review.items(), await storage.reviewLog());
      if (apply && plan.changes.length > 0) await review.decide(planDecisions(plan), { username: c.var.session.user.username, via: format });
      return { format, ...plan, applied: apply && plan.changes.length > 0 };
    });
    return c.json(answer);
  });

  return routes;
}
