/**
 * The reader's settings, kept in localStorage: the language last chosen (for `/`) and the digits
 * of Tibetan pages. localStorage can be missing or throw (private windows, blocked storage); the
 * settings then live for the session only.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Digits } from '../i18n/format.ts';
import type { Lang } from '../report/model.ts';
import { readLocal, writeLocal } from '../modules/local-storage.ts';

const LANG_KEY = 'lotho.lang';
const DIGITS_KEY = 'lotho.digits';

/** The language a browser asks for: bo if any of its languages is bo*, zh if any is zh*. */
export function browserLang(languages: readonly string[]): Lang | undefined {
  const lower = languages.map((l) => l.toLowerCase());
  if (lower.some((l) => l === 'bo' || l.startsWith('bo-'))) return 'bo';
  if (lower.some((l) => l === 'zh' || l.startsWith('zh-'))) return 'zh';
  return undefined;
}

export const useSettingsStore = defineStore('settings', () => {
  const stored = readLocal(LANG_KEY);
  /** The language the reader last chose explicitly (chooser or switch), if any. */
  const chosenLang = ref<Lang | null>(stored === 'zh' || stored === 'bo' ? stored : null);
  /** Digits on Tibetan pages: Arabic by default, as PRC official Tibetan writes them. */
  const digits = ref<Digits>(readLocal(DIGITS_KEY) === 'tibetan' ? 'tibetan' : 'arabic');

  /**
   * The settings a page is pre-rendered with (the defaults): set while hydrating, so the first
   * render on the phone matches the HTML; `restore()` then applies this device's settings.
   */
  function applyRenderDefaults(): void {
    digits.value = 'arabic';
  }

  /** Reads this device's settings again (after hydrating a pre-rendered page). */
  function restore(): void {
    const lang = readLocal(LANG_KEY);
    chosenLang.value = lang === 'zh' || lang === 'bo' ? lang : null;
    digits.value = readLocal(DIGITS_KEY) === 'tibetan' ? 'tibetan' : 'arabic';
  }

  function chooseLang(lang: Lang): void {
    chosenLang.value = lang;
    writeLocal(LANG_KEY, lang);
  }

  function setDigits(value: Digits): void {
    digits.value = value;
    writeLocal(DIGITS_KEY, value);
  }

  /** Where `/` goes: the language last chosen, else the browser's, else undefined (the chooser). */
  function startLang(): Lang | undefined {
    if (chosenLang.value !== null) return chosenLang.value;
    if (typeof navigator === 'undefined') return undefined;
    // Old WebViews have no navigator.languages (undefined at runtime, whatever the DOM types say).
    const languages = (navigator.languages as readonly string[] | undefined) ?? [navigator.language];
    return browserLang(languages);
  }

  return { chosenLang, digits, chooseLang, setDigits, startLang, applyRenderDefaults, restore };
});
