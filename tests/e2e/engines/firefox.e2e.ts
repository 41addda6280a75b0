/** The cross-engine flows (flows/) in firefox. */
import { officialsFlows } from './flows/officials.ts';
import { readerFlows } from './flows/reader.ts';
import { engineSuite } from './suite.ts';

const ctx = engineSuite('firefox');
readerFlows(ctx);
officialsFlows(ctx);
