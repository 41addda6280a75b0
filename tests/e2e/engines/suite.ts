/**
 * One engine's suite: launches the engine once for its test file (one engine at a time on the
 * machine), gives the flows the served app, a device factory that closes what it opened, and the
 * engine's artifact folder (artifacts/e2e/engines/<engine>/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { launchChromium } from './chromium.ts';
import type { Device, DeviceOptions, Engine, EngineName, Viewport } from './engine.ts';
import { launchFirefox } from './firefox.ts';
import { ENGINE_ARTIFACTS } from './side-by-side.ts';
import { launchWebKit } from './webkit.ts';

export const PHONE: Viewport = { width: 360, height: 740 };
export const DESKTOP: Viewport = { width: 1280, height: 800 };

export { ENGINE_ARTIFACTS };

const LAUNCH: Record<EngineName, () => Promise<Engine>> = {
  chromium: launchChromium,
  webkit: launchWebKit,
  firefox: launchFirefox,
};

export interface EngineContext {
  readonly name: EngineName;
  readonly engine: Engine;
  /** The served app (global-setup.ts), which every device reaches through a link of its own. */
  readonly serverURL: string;
  /** The server's DATA_DIR, for the `lotho` command. */
  readonly dataDir: string;
  /** A device closed after the current test. */
  device(options?: Partial<DeviceOptions>): Promise<Device>;
  /** Path of an artifact of this engine (its folder is created). */
  artifact(name: string): string;
}

export function engineSuite(name: EngineName): EngineContext {
  let engine: Engine | undefined;
  const open: Device[] = [];
  const folder = join(ENGINE_ARTIFACTS, name);

  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    engine = await LAUNCH[name]();
    process.stdout.write(`e2e: ${name} ${engine.version}\n`);
  }, 60_000);

  afterEach(async () => {
    for (const device of open.splice(0)) await device.close();
  });

  afterAll(async () => {
    await engine?.close();
  });

  return {
    name,
    get engine() {
      if (engine === undefined) throw new Error(`${name} is not launched yet (use it inside a test)`);
      return engine;
    },
    get serverURL() {
      return inject('baseURL');
    },
    get dataDir() {
      return inject('dataDir');
    },
    async device(options: Partial<DeviceOptions> = {}) {
      const device = await this.engine.newDevice(this.serverURL, { viewport: PHONE, ...options });
      open.push(device);
      return device;
    },
    artifact(file: string) {
      return join(folder, file);
    },
  };
}
