/** Pinia for the app: one instance, installed before the router so route guards can use stores. */
import type { App } from 'vue';
import { createPinia, type Pinia } from 'pinia';

/** Installs a new Pinia instance and returns it. */
export function installPinia(app: App): Pinia {
  const pinia = createPinia();
  app.use(pinia);
  return pinia;
}
