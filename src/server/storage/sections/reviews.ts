/**
 * The translation review section of the storage: who may review Tibetan, the reviewed text of
 * each item, and the audit log of every decision (who, when, what it was before and after).
 */
import type { StoredReview } from '../../../report/review/items.ts';
import type { PublicationWatch } from './reports.ts';

/** A review item's id: `ui:<key>`, `term:<key>` or `para:<report>:<block>:<n>` (report/review/items.ts). */
export type ReviewItemId = string;

/** What a reviewer did with an item. */
export type ReviewAction = 'accept' | 'edit' | 'comment';
/** Where the decision was made: the review page, or a file a translation bureau sent back. */
export type ReviewVia = 'app' | 'xliff' | 'csv';

/** The reviewed Tibetan of an item, and the Chinese it was reviewed against: what the review items are built from. */
export type ReviewRow = StoredReview;

/** One decision to record; the caller has checked it against the item as shown. */
export interface ReviewDecisionInput {
  itemId: ReviewItemId;
  action: ReviewAction;
  /** The Chinese source the reviewer saw. */
  zh: string;
  /** The Tibetan the reviewer saw. */
  boBefore: string;
  /** The reviewed Tibetan (accept: the same as before; edit: the new text; comment: absent). */
  boAfter?: string;
  comment?: string;
}

/** One entry of the audit log. */
export interface ReviewLogRow extends ReviewDecisionInput {
  id: number;
  via: ReviewVia;
  username: string;
  at: string;
}

export interface ReviewsSection {
  /** Lets a user review Tibetan (again: no change). False when no user has that name. */
  grantReviewer(username: string, grantedBy: string): Promise<boolean>;
  isReviewer(userId: number): Promise<boolean>;
  /** Every reviewed item. */
  listReviews(): Promise<ReviewRow[]>;
  /** Records decisions in one transaction: each in the log, and accept/edit as the item's reviewed text. */
  recordReviews(decisions: readonly ReviewDecisionInput[], by: { username: string; via: ReviewVia }): Promise<void>;
  /**
   * Calls `listener` after each `recordReviews` commits, made by this or (on PostgreSQL, through
   * the publications' LISTEN/NOTIFY channel) any other server process; resolves once listening.
   * On SQLite, only this storage's decisions.
   */
  watchReviews(listener: () => void): Promise<PublicationWatch>;
  /** The audit log, oldest first; of one item when given. */
  reviewLog(itemId?: ReviewItemId): Promise<ReviewLogRow[]>;
}
