/**
 * What a cross-engine flow may ask of a browser, whatever drives it: Chromium through
 * playwright-core, Firefox through puppeteer-core (WebDriver BiDi), WebKitGTK through the
 * `webdriver` package (classic WebDriver, WebKitWebDriver). A Device is one phone or PC: a
 * profile of its own (storage, service workers, cookies) and its own network link to the server,
 * which a test can cut (network-link.ts) — the same way in every engine, since only Chromium
 * can emulate being offline.
 *
 * Elements are found as a person finds them: by role and accessible name (locate.ts), or by CSS
 * where no role says it. Every action acts on exactly one visible element and fails otherwise.
 */
import type { Found } from './locate.ts';
import type { NetworkLink } from './network-link.ts';

export type EngineName = 'chromium' | 'webkit' | 'firefox';

/** Roles the flows look for (ARIA roles, as the engines compute them from HTML). */
export type Role =
  | 'article'
  | 'button'
  | 'checkbox'
  | 'group'
  | 'heading'
  | 'link'
  | 'navigation'
  | 'radio'
  | 'region'
  | 'spinbutton'
  | 'status'
  | 'textbox';

/** A name to match: the exact accessible name (spaces collapsed), or a pattern. */
export type Name = string | RegExp;

/**
 * How to find an element, optionally inside another one: by role and name; a form field by its
 * label alone (a password field has no role); by CSS where nothing else says it.
 */
export type Query =
  | { role: Role; name?: Name; within?: Query }
  | { label: Name; within?: Query }
  | { css: string; within?: Query };

export interface Viewport {
  width: number;
  height: number;
}

export interface DeviceOptions {
  viewport: Viewport;
  /** A user agent to report instead of the engine's own (e.g. an iPhone's, for WebKit). */
  userAgent?: string;
}

export interface Device {
  readonly engine: EngineName;
  /** This device's own connection to the server: cut() it to go offline. */
  readonly link: NetworkLink;
  /** The address the device reaches the server at (its link's), no trailing slash. */
  readonly baseURL: string;
  /** Loads `path` (relative to baseURL) and waits for the load event. */
  goto(path: string): Promise<void>;
  reload(): Promise<void>;
  /** The address shown, as a URL. */
  url(): Promise<URL>;
  /** Runs `fn(arg)` in the page and returns its (JSON-serialisable) result; promises are awaited. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Visible matches of `query` now (no waiting): their count and texts. */
  find(query: Query): Promise<Found>;
  /** Waits until `query` finds at least one visible element (default 10 s). */
  waitFor(query: Query, timeout?: number): Promise<void>;
  /** The text (a field's value) of the one visible element `query` finds, once there is one. */
  text(query: Query): Promise<string>;
  /** Clicks the one visible element `query` finds. */
  click(query: Query): Promise<void>;
  /** Replaces the text of the one visible field `query` finds by typing `text`, then leaves it. */
  fill(query: Query, text: string): Promise<void>;
  /** The viewport as a PNG (what the person sees), written to `path` as well. */
  screenshot(path: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * What each engine's adapter implements: the primitives, on absolute addresses and CSS
 * selectors. EngineDevice (device.ts) builds a Device on top.
 */
export interface Driver {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Evaluates a JavaScript expression (a string) in the page; a promise is awaited. */
  evaluate(expression: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  /** Empties the field and types `text` into it with the engine's own key events. */
  type(selector: string, text: string): Promise<void>;
  /** The viewport as a PNG. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** The browser's own version string, for the report. */
  readonly version: string;
  /** A new device on a link of its own to `serverURL`. */
  newDevice(serverURL: string, options: DeviceOptions): Promise<Device>;
  close(): Promise<void>;
}
