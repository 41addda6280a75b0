/**
 * The type of the message parts (the reader's Chinese, loaded at start; the rest and the Tibetan,
 * loaded when needed). A module of its own so that the parts and i18n.ts, which loads them, do not
 * import each other.
 */
import type zhCN from '../../locales/zh-CN.json';

export type Messages = Pick<typeof zhCN, 'app' | 'reader' | 'template'>;
