/**
 * A Device built on an engine's Driver: addresses relative to the device's link, elements found
 * by role and name in the page (locate.ts) and acted on by the driver itself, waiting for them as
 * a person waits for a page to show something (10 s unless told otherwise).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Device, Driver, EngineName, Query } from './engine.ts';
import { describe, findExpression, refSelector, type Found } from './locate.ts';
import type { NetworkLink } from './network-link.ts';

const WAIT_MS = 10_000;
const POLL_MS = 100;

function isFound(value: unknown): value is Found {
  return typeof value === 'object' && value !== null && 'count' in value && 'texts' in value;
}

export class EngineDevice implements Device {
  readonly baseURL: string;

  constructor(
    readonly engine: EngineName,
    readonly link: NetworkLink,
    private readonly driver: Driver,
    private readonly onClose: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.baseURL = link.url;
  }

  goto(path: string): Promise<void> {
    return this.driver.goto(new URL(path, `${this.baseURL}/`).href);
  }

  reload(): Promise<void> {
    return this.driver.reload();
  }

  async url(): Promise<URL> {
    return new URL(await this.driver.url());
  }

  /** The function's source, called with `arg` as JSON: what crosses into the page is text. */
  async evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return (await this.driver.evaluate(`(${fn.toString()})(${JSON.stringify(arg)})`)) as R;
  }

  async find(query: Query): Promise<Found> {
    let result: unknown;
    try {
      result = await this.driver.evaluate(findExpression(query, false));
      if (result === null) result = await this.driver.evaluate(findExpression(query, true));
    } catch {
      // The page was navigating (its context went away): nothing is found yet.
      return { count: 0, ref: null, texts: [], nearby: [] };
    }
    if (!isFound(result)) throw new Error(`the locator answered ${JSON.stringify(result)} for ${describe(query)}`);
    return result;
  }

  /** Waits until `ok` accepts what `query` finds; returns the last result. */
  private async until(query: Query, ok: (found: Found) => boolean, timeout: number, what: string): Promise<Found> {
    const deadline = Date.now() + timeout;
    let found = await this.find(query);
    while (!ok(found)) {
      if (Date.now() > deadline) {
        const seen = found.count > 1 ? `${String(found.count)} matches: ${JSON.stringify(found.texts.slice(0, 5))}` : `nothing; of that role: ${JSON.stringify(found.nearby)}`;
        throw new Error(`${this.engine}: ${what} ${describe(query)} within ${String(timeout)} ms; found ${seen}; the page showed ${await this.pageSummary()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      found = await this.find(query);
    }
    return found;
  }

  /** Where the page was and what it said, for a failure that happened once under load to explain itself. */
  private async pageSummary(): Promise<string> {
    try {
      const seen = await this.evaluate(() => `${location.pathname}: ${document.body.innerText.replace(/\s+/gu, ' ').slice(0, 400)}`, null);
      return JSON.stringify(seen);
    } catch {
      return '(nothing: the page was navigating)';
    }
  }

  async waitFor(query: Query, timeout = WAIT_MS): Promise<void> {
    await this.until(query, (found) => found.count > 0, timeout, 'no visible');
  }

  private async one(query: Query): Promise<string> {
    const found = await this.until(query, (f) => f.count === 1, WAIT_MS, 'not exactly one visible');
    if (found.ref === null) throw new Error(`${this.engine}: ${describe(query)} found without a mark`);
    return refSelector(found.ref);
  }

  async text(query: Query): Promise<string> {
    const found = await this.until(query, (f) => f.count > 0, WAIT_MS, 'no visible');
    return found.texts[0] ?? '';
  }

  async click(query: Query): Promise<void> {
    await this.driver.click(await this.one(query));
  }

  async fill(query: Query, text: string): Promise<void> {
    await this.driver.type(await this.one(query), text);
    // Leaving the field, as a person moving on does (the editor commits on blur).
    await this.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    }, null);
  }

  async screenshot(path: string): Promise<Buffer> {
    const png = await this.driver.screenshot();
    // The folder may be another engine's (Chromium's reference made from another engine's file).
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
    return png;
  }

  async close(): Promise<void> {
    try {
      await this.driver.close();
    } finally {
      await this.link.close();
      await this.onClose();
    }
  }
}
