/**
 * The home and agency pages start from the reviewed Tibetan the report pages get: the renderer is
 * given the overlay (which the page carries for the app to hydrate with), and a review decision
 * renders the kept pages again, on both databases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PageRenderer } from '../../src/server/prerender.ts';
import { jsonRequest, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { fakeBuild } from './fake-build.ts';
import { report } from './helpers.ts';

const database = useDatabases(afterEach);

/**
 * Draws the page with the Tibetan of `app.offline` it is given (the reviewed text, or none), URI-encoded:
 * Tibetan letters would have the page's font subset, a CPU-second each (directory-page-font.test.ts covers it).
 */
function drawingRenderer(calls: string[]): PageRenderer {
  return {
    renderReportPage: () => Promise.reject(new Error('not here')),
    renderListingPage: (input) => {
      calls.push(input.url);
      const offline = encodeURIComponent(input.translations?.messages['app.offline'] ?? 'unreviewed');
      return Promise.resolve({ html: `<!doctype html><div class="directory">${input.url} ${offline} ${input.translations?.revision ?? ''}</div>` });
    },
  };
}

describe.each(DATABASES)('directory pages with the reviewed Tibetan on $kind', ({ create }) => {
  it('renders /bo with a reviewed UI string, and again after each review decision', async () => {
    const calls: string[] = [];
    const { app, storage } = await apiSetup(await database(create), { staticDir: fakeBuild(), renderer: drawingRenderer(calls) });
    await storage.createAgency({ id: 'lhasa', nameZh: '拉萨市人民政府', level: 'city' });
    await storage.publishReport(report('lhasa-2023', '拉萨市人民政府', 2023));
    expect(await storage.grantReviewer('editor-a', 'test')).toBe(true);
    const reviewer = await login(app, 'editor-a');
    const page = async (path: string) => {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      return response.text();
    };

    expect(await page('/bo')).toContain('/bo unreviewed');
    expect(await page('/bo')).toContain('/bo unreviewed');
    expect(calls).toEqual(['/bo']);

    const reviewedText = 'དྲ་རྒྱ་མི་འདུག';
    const reviewed = encodeURIComponent(reviewedText);
    const decided = await app.request('/api/review/decisions', jsonRequest('POST', { decisions: [{ itemId: 'ui:app.offline', action: 'edit', bo: reviewedText }] }, reviewer));
    expect(decided.status, await decided.clone().text()).toBe(200);
    const revision = ((await (await app.request('/api/translations/bo')).json()) as { revision: string }).revision;
    // The page the app hydrates carries the same overlay the API serves.
    expect(await page('/bo')).toContain(`/bo ${reviewed} ${revision}`);
    expect(await page('/bo/agencies/lhasa')).toContain(reviewed);
    expect(calls).toEqual(['/bo', '/bo', '/bo/agencies/lhasa']);

    const againText = 'དྲ་རྒྱ་བྲལ།';
    const again = encodeURIComponent(againText);
    expect((await app.request('/api/review/decisions', jsonRequest('POST', { decisions: [{ itemId: 'ui:app.offline', action: 'edit', bo: againText }] }, reviewer))).status).toBe(200);
    expect(await page('/bo')).toContain(again);
    expect(await page('/bo/agencies/lhasa')).toContain(again);
    expect(calls).toHaveLength(5);
  });
});
