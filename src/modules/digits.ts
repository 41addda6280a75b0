/**
 * The digits of Tibetan pages, handed down from the app root (App.vue, which reads the settings
 * store) to every useLabels: composables sit below the stores and do not import them.
 */
import type { InjectionKey, Ref } from 'vue';
import type { Digits } from '../i18n/format.ts';

export const DIGITS_KEY: InjectionKey<Readonly<Ref<Digits>>> = Symbol('digits');
