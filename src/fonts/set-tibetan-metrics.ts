/**
 * `npm run fonts:tibetan-metrics`: writes TIBETAN_LINE_METRICS into the app's Tibetan font file
 * (src/assets/fonts), in place. Run it after replacing the file with a new release of Noto Serif
 * Tibetan; running it again changes nothing. tests/unit/fonts/line-metrics.test.ts checks the file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { compress, decompress } from 'wawoff2';
import { readLineMetrics, withLineMetrics } from './line-metrics.ts';
import { TIBETAN_FONT_FILE, TIBETAN_LINE_METRICS } from './tibetan.ts';

const before = await decompress(await readFile(TIBETAN_FONT_FILE));
const after = withLineMetrics(before, TIBETAN_LINE_METRICS);
await writeFile(TIBETAN_FONT_FILE, await compress(after));
process.stdout.write(`${TIBETAN_FONT_FILE}\n  before ${JSON.stringify(readLineMetrics(before))}\n  after  ${JSON.stringify(readLineMetrics(after))}\n`);
