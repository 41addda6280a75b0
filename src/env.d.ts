/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/**
 * A part of a locale file (vite.config.ts messageAreas): compiled for vue-i18n in a build, the
 * whole file under vitest. Typed where it is imported.
 */
declare module '*.json?area=reader' {
  const messages: unknown;
  export default messages;
}
declare module '*.json?area=rest' {
  const messages: unknown;
  export default messages;
}
