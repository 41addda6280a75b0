/** The SQLite migrations, in order. Never edit or remove one that has shipped: add the next. */
import { checkMigrations, type Migration } from '../types.ts';
import { migration as reports } from './001-reports.ts';
import { migration as accounts } from './002-accounts.ts';
import { migration as drafts } from './003-drafts.ts';
import { migration as reportNotes } from './004-report-notes.ts';
import { migration as kiosks } from './005-kiosks.ts';
import { migration as hierarchy } from './006-hierarchy.ts';
import { migration as translationReviews } from './007-translation-reviews.ts';
import { migration as accountAdmin } from './008-account-admin.ts';
import { migration as registeredTemplates } from './009-registered-templates.ts';
import { migration as reportSummaries } from './010-report-summaries.ts';
import { migration as agencyChanges } from './011-agency-changes.ts';
import { migration as draftDigests } from './012-draft-digests.ts';
import { migration as digestBasis } from './013-digest-basis.ts';
import { migration as writersSince } from './014-writers-since.ts';

export const SQLITE_MIGRATIONS: readonly Migration[] = checkMigrations([reports, accounts, drafts, reportNotes, kiosks, hierarchy, translationReviews, accountAdmin, registeredTemplates, reportSummaries, agencyChanges, draftDigests, digestBasis, writersSince]);
