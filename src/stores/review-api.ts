/**
 * The review page's side of `/api/review/*` (src/server/routes/review.ts): the items, decisions
 * and imports, each outcome a value the page words. Online only: decisions are the server's record.
 */
import type { ReviewImportResponse, ReviewItem } from '../contract/review.ts';
import { API_BASE } from './reports-api.ts';

export type ReviewOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'unauthenticated' }
  | { kind: 'not_reviewer' }
  /** A refusal with its code (placeholders, empty_text, unreadable…). */
  | { kind: 'refused'; code: string }
  | { kind: 'offline' }
  | { kind: 'error' };

async function call<T>(path: string, init: RequestInit = {}): Promise<ReviewOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/review${path}`, { ...init, cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) } });
  } catch {
    return { kind: 'offline' };
  }
  if (response.status === 401) return { kind: 'unauthenticated' };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'error' };
  }
  if (response.ok) return { kind: 'ok', value: body as T };
  const code = typeof body === 'object' && body !== null && 'error' in body ? (body.error as { code?: unknown }).code : undefined;
  if (response.status === 403 && code === 'not_reviewer') return { kind: 'not_reviewer' };
  return typeof code === 'string' && response.status === 400 ? { kind: 'refused', code } : { kind: 'error' };
}

export const fetchReviewItems = () => call<{ items: ReviewItem[]; reviewer: string }>('/items');

export interface Decision {
  itemId: string;
  action: 'accept' | 'edit' | 'comment';
  bo?: string;
  comment?: string;
}

export const sendDecisions = (decisions: Decision[]) => call<{ items: ReviewItem[] }>('/decisions', { method: 'POST', body: JSON.stringify({ decisions }) });

export const importReviewFile = (text: string, apply: boolean) => call<ReviewImportResponse>('/import', { method: 'POST', body: JSON.stringify({ text, apply }) });
