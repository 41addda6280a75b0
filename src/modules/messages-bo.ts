/**
 * The Tibetan messages the app shows, as a module of its own: the app imports it lazily, and
 * named imports let the bundler leave out bo.json's CLI and validator subtrees.
 */
import { app, reader, template, kiosk } from '../../locales/bo.json';

export default { app, reader, template, kiosk };
