/**
 * The worker thread that subsets the Tibetan font for one page or one Word file (page-font.ts
 * starts it): shaping and subsetting take seconds of CPU, which must not stop the server answering
 * meanwhile. In: workerData, the page's text, or { word: text } for a Word file. Out: one message,
 * { font } (WOFF2 for a page, TrueType for Word) or { error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { docxTibetanFont, subsetTibetanFont } from '../fonts/tibetan.ts';

function wordText(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null && 'word' in data && typeof data.word === 'string' ? data.word : undefined;
}

async function run(): Promise<void> {
  try {
    const word = wordText(workerData);
    if (typeof workerData !== 'string' && word === undefined) throw new Error('page-font-worker: workerData must be the page text or { word: text }');
    const font = word === undefined ? await subsetTibetanFont(String(workerData), { glyphs: 'shaped' }) : await docxTibetanFont(word);
    parentPort?.postMessage({ font });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

void run();
