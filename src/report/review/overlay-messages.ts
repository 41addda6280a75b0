/**
 * The reviewed Tibetan messages (report/review/overlay.ts) applied to a plain message tree, for
 * the report core's exports and the server's files. Apart from overlay.ts so that the app's
 * entry, which loads the overlay, does not bring the locale files with labels.ts.
 */
import { lookupMessage, type MessageTree } from '../labels.ts';
import type { TranslationOverlay } from './overlay.ts';

/** The flat messages as a tree (`a.b.c` → { a: { b: { c } } }). */
export function messageTree(flat: Record<string, string>): MessageTree {
  const tree: MessageTree = {};
  for (const [key, text] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = tree;
    parts.slice(0, -1).forEach((part) => {
      const child = node[part];
      if (typeof child === 'object') node = child;
      else node = node[part] = {};
    });
    node[parts.at(-1) ?? key] = text;
  }
  return tree;
}

/** A message tree with the overlay's messages in place of the shipped ones (exports, CLI). */
export function withOverlayMessages(messages: MessageTree, overlay: TranslationOverlay): MessageTree {
  const entries = Object.entries(overlay.messages).filter(([key]) => lookupMessage(messages, key) !== undefined);
  if (entries.length === 0) return messages;
  const merge = (base: MessageTree, patch: MessageTree): MessageTree => {
    const out: MessageTree = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      const current = out[key];
      out[key] = typeof value === 'string' || typeof current !== 'object' ? value : merge(current, value);
    }
    return out;
  };
  return merge(messages, messageTree(Object.fromEntries(entries)));
}
