/**
 * Vitest global set-up: the compiled server and CLI (dist-node/) as the sources are now, once
 * before any test file runs. Tests that spawn the `lotho` bin then never compile it several times
 * at once, and never run a build older than the code they test.
 */
import { ensureNodeBuild } from '../../scripts/build-node.mjs';

export default async function setup(): Promise<void> {
  await ensureNodeBuild((line) => process.stdout.write(`node build: ${line}\n`));
}
