/** The cross-engine flows (flows/) in chromium. */
import { officialsFlows } from './flows/officials.ts';
import { readerFlows } from './flows/reader.ts';
import { engineSuite } from './suite.ts';

const ctx = engineSuite('chromium');
readerFlows(ctx);
officialsFlows(ctx);
