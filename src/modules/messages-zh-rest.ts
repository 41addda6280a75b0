/**
 * The Chinese messages of the pages that are not the residents' reader (kiosk, sign-in,
 * drafting): loaded by those routes (router.ts), so a resident's report page does not download
 * them. The reader's part is bundled with the app (i18n.ts).
 */
import zh from '../../locales/zh-CN.json?area=rest';
import type { Messages } from './messages.ts';

export default zh as Partial<Messages>;
