/**
 * The Tibetan messages of the residents' pages, as a module of its own: imported on the first
 * Tibetan page, so a Chinese reader never downloads them. The kiosk's, sign-in's and drafting's
 * are in messages-bo-rest.ts (vite.config.ts messageAreas cuts bo.json in two).
 */
import bo from '../../locales/bo.json?area=reader';
import type { Messages } from './messages.ts';

export default bo as Partial<Messages>;
