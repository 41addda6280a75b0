/** The cross-engine flows (flows/) in webkit. */
import { officialsFlows } from './flows/officials.ts';
import { readerFlows } from './flows/reader.ts';
import { engineSuite } from './suite.ts';

const ctx = engineSuite('webkit');
readerFlows(ctx);
officialsFlows(ctx);
