/**
 * One Chromium per test: Debian's /usr/bin/chromium, headless, with a fresh user-data dir (no
 * service worker, IndexedDB or HTTP cache left over from another test), aimed at the served app.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { inject } from 'vitest';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS } from './app-server.ts';

export interface Session {
  context: BrowserContext;
  page: Page;
  baseURL: string;
  /** Every request the page made (not its service worker's), in order. */
  requests: Request[];
  /** Uncaught exceptions in the page. */
  pageErrors: Error[];
  close(): Promise<void>;
}

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** `baseURL`: the served app unless a test puts something in front of it (support/sw-version-proxy.ts). */
export async function openSession(viewport: { width: number; height: number } = PHONE, baseURL = inject('baseURL')): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'lotho-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport,
    locale: 'zh-CN',
    baseURL,
    serviceWorkers: 'allow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: Request[] = [];
  const pageErrors: Error[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => pageErrors.push(error));
  return {
    context,
    page,
    baseURL,
    requests,
    pageErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Path of a screenshot under artifacts/e2e/ (the folder is created). */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
