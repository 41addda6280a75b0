/**
 * The Tibetan messages of the pages that are not the residents' reader (kiosk, sign-in,
 * drafting): loaded by those routes (router.ts), so a resident's Tibetan report page does not
 * download them.
 */
import bo from '../../locales/bo.json?area=rest';
import type { Messages } from './messages.ts';

export default bo as Partial<Messages>;
