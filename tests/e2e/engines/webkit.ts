/**
 * WebKitGTK (Debian's webkit2gtk-driver: WebKitWebDriver and MiniBrowser), the engine of every
 * iPhone browser, through the `webdriver` package over classic WebDriver (WebKitGTK has no
 * WebDriver BiDi session yet). MiniBrowser needs a display (xvfb.ts), and a WebKitWebDriver
 * holds one session at a time, so each browser gets its own driver. In automation mode
 * MiniBrowser keeps its data in memory, fresh for every browser.
 *
 * Starting a MiniBrowser costs 9–12 s on a loaded machine, so a closed device's browser is kept
 * for the next device (with the same user agent: MiniBrowser takes it at launch). A device is
 * its own profile all the same: each device reaches the server through a link of its own, a port
 * of its own, so an origin of its own, and everything the app keeps (IndexedDB, Cache Storage,
 * service workers, localStorage, Web Locks) is per origin. Cookies are per host, not per port:
 * they are deleted before a browser is kept, and two devices open at once are never one browser.
 *
 * MiniBrowser's toolbar keeps its window at least 447 px wide; a GTK style sheet of our own
 * (XDG_CONFIG_HOME) shrinks the toolbar so that the page can be the 360 px of a phone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebDriver from 'webdriver';
import { EngineDevice } from './device.ts';
import type { Device, DeviceOptions, Driver, Engine, Viewport } from './engine.ts';
import { openNetworkLink } from './network-link.ts';
import { startDisplay } from './xvfb.ts';

export const WEBKIT_DRIVER = process.env.LOTHO_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';

/** MiniBrowser of libwebkit2gtk-4.1 (its path names the machine's multiarch triplet). */
export function miniBrowser(): string | undefined {
  return process.env.LOTHO_MINIBROWSER ?? globSync('/usr/lib/*/webkit2gtk-4.1/MiniBrowser')[0];
}

export function hasWebKit(): boolean {
  return existsSync(WEBKIT_DRIVER) && miniBrowser() !== undefined;
}

const SMALL_TOOLBAR_CSS = '* { font-size: 1px; min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; }\n';

/** The W3C element reference key. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

async function waitForDriver(port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${String(port)}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${String(port)} within 15 s`);
}

type Client = Awaited<ReturnType<typeof WebDriver.newSession>>;

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
}

function clientDriver(client: Client, close: () => Promise<void>): Driver {
  const element = async (selector: string): Promise<string> => {
    const reference = (await client.findElement('css selector', selector)) as Record<string, string>;
    const id = reference[ELEMENT];
    if (id === undefined) throw new Error(`webkit: no element ${selector}`);
    return id;
  };
  return {
    goto: (url) => client.navigateTo(url),
    reload: () => client.refresh(),
    url: () => client.getUrl(),
    async evaluate(expression) {
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${expression})).then(
          (value) => done({ ok: true, value: value === undefined ? null : value }),
          (error) => done({ ok: false, error: String(error && error.stack || error) }));`;
      const outcome = (await client.executeAsyncScript(script, [])) as Outcome;
      if (!outcome.ok) throw new Error(`webkit: the page threw: ${outcome.error ?? ''}`);
      return outcome.value;
    },
    async click(selector) {
      await client.elementClick(await element(selector));
    },
    async type(selector, text) {
      const id = await element(selector);
      await client.elementClear(id);
      await client.elementSendKeys(id, text);
    },
    screenshot: async () => Buffer.from(await client.takeScreenshot(), 'base64'),
    close,
  };
}

/** Sizes the window so that the page's viewport is `viewport` (the toolbar takes some height). */
async function innerSize(driver: Driver): Promise<Viewport> {
  return (await driver.evaluate('({ width: window.innerWidth, height: window.innerHeight })')) as Viewport;
}

/** The page's size once a resize has reached it (the window manager answers after WebDriver). */
async function settledInnerSize(driver: Driver): Promise<Viewport> {
  let last = await innerSize(driver);
  for (let i = 0; i < 20; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await innerSize(driver);
    if (next.width === last.width && next.height === last.height) return next;
    last = next;
  }
  return last;
}

/** Sizes the window so that the page's viewport is `viewport` (the toolbar takes some height). */
async function fitViewport(client: Client, driver: Driver, viewport: Viewport): Promise<void> {
  let outer = { ...viewport };
  let inner = viewport;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await client.setWindowRect(0, 0, outer.width, outer.height);
    inner = await settledInnerSize(driver);
    if (inner.width === viewport.width && inner.height === viewport.height) return;
    outer = {
      width: Math.max(viewport.width, outer.width + viewport.width - inner.width),
      height: Math.max(viewport.height, outer.height + viewport.height - inner.height),
    };
  }
  throw new Error(`webkit: the viewport is ${String(inner.width)}×${String(inner.height)}, not ${String(viewport.width)}×${String(viewport.height)}`);
}

/** One MiniBrowser and the WebKitWebDriver session that drives it. */
interface Browser {
  readonly client: Client;
  readonly userAgent: string | undefined;
  viewport: Viewport;
  /** Ends the session and the driver (and with it the browser). */
  stop(): Promise<void>;
}

export async function launchWebKit(): Promise<Engine> {
  const binary = miniBrowser();
  if (binary === undefined) throw new Error('no MiniBrowser: apt-get install webkit2gtk-driver');
  const display = await startDisplay();
  const config = mkdtempSync(join(tmpdir(), 'lotho-webkit-'));
  mkdirSync(join(config, 'gtk-3.0'));
  writeFileSync(join(config, 'gtk-3.0', 'gtk.css'), SMALL_TOOLBAR_CSS);
  const version = spawnSync(binary, ['--version'], { env: { ...process.env, DISPLAY: display.name }, encoding: 'utf8' }).stdout.trim();
  /** Browsers of closed devices, ready for the next device. */
  const idle: Browser[] = [];
  /** Browsers of open devices. */
  const busy = new Set<Browser>();

  async function startBrowser(options: DeviceOptions): Promise<Browser> {
    const port = await freePort();
    const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${String(port)}`], {
      env: { ...process.env, DISPLAY: display.name, XDG_CONFIG_HOME: config },
      stdio: 'ignore',
    });
    const driverExited = new Promise<void>((resolve) => driverProcess.once('exit', () => { resolve(); }));
    const stopDriver = async (): Promise<void> => {
      if (driverProcess.exitCode === null && driverProcess.signalCode === null) driverProcess.kill('SIGTERM');
      await driverExited;
    };
    try {
      await waitForDriver(port);
      // MiniBrowser waits for the driver only when told to (--automation).
      const args = ['--automation', ...(options.userAgent === undefined ? [] : [`--user-agent=${options.userAgent}`])];
      // Classic WebDriver: the client would ask for a BiDi socket, which WebKitWebDriver refuses.
      const capabilities = { 'wdio:enforceWebDriverClassic': true, 'webkitgtk:browserOptions': { binary, args } };
      const client = await WebDriver.newSession({ hostname: '127.0.0.1', port, logLevel: 'error', connectionRetryCount: 0, capabilities });
      const stop = async (): Promise<void> => {
        await client.deleteSession().catch(() => undefined);
        await stopDriver();
      };
      try {
        await client.navigateTo('about:blank');
        await fitViewport(client, clientDriver(client, stop), options.viewport);
      } catch (error) {
        await stop();
        throw error;
      }
      return { client, userAgent: options.userAgent, viewport: options.viewport, stop };
    } catch (error) {
      await stopDriver();
      throw error;
    }
  }

  /** A kept browser with the user agent asked for, sized for this device; undefined when there is none. */
  async function reuse(options: DeviceOptions): Promise<Browser | undefined> {
    const index = idle.findIndex((b) => b.userAgent === options.userAgent);
    if (index < 0) return undefined;
    const [browser] = idle.splice(index, 1);
    if (browser === undefined) return undefined;
    if (browser.viewport.width !== options.viewport.width || browser.viewport.height !== options.viewport.height) {
      try {
        await fitViewport(browser.client, clientDriver(browser.client, () => browser.stop()), options.viewport);
        browser.viewport = options.viewport;
      } catch {
        await browser.stop();
        return undefined;
      }
    }
    return browser;
  }

  /** A closed device's browser: kept without the device's cookies, or stopped when that fails. */
  async function release(browser: Browser): Promise<void> {
    // Closed already (a device closed twice).
    if (!busy.delete(browser)) return;
    try {
      // While the page is still the device's: WebDriver deletes the cookies of the page's host.
      await browser.client.deleteAllCookies();
      await browser.client.navigateTo('about:blank');
      idle.push(browser);
    } catch {
      await browser.stop();
    }
  }

  return {
    name: 'webkit',
    version,
    async newDevice(serverURL: string, options: DeviceOptions): Promise<Device> {
      const link = await openNetworkLink(serverURL);
      try {
        const browser = (await reuse(options)) ?? (await startBrowser(options));
        busy.add(browser);
        return new EngineDevice('webkit', link, clientDriver(browser.client, () => release(browser)));
      } catch (error) {
        await link.close();
        throw error;
      }
    },
    async close() {
      await Promise.all([...idle.splice(0), ...busy].map((browser) => browser.stop()));
      busy.clear();
      await display.stop();
      rmSync(config, { recursive: true, force: true });
    },
  };
}
