/**
 * The Tibetan messages, as a module of its own: the app imports it lazily (the first Tibetan
 * page), so a Chinese reader never downloads them. Compiled and trimmed to the app's subtrees at
 * build time like zh-CN.json (vite.config.ts).
 */
import bo from '../../locales/bo.json';

export default bo;
