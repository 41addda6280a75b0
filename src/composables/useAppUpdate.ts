/** The app's update state for a component: whether a new version waits, and how to take it. */
import { inject } from 'vue';
import { APP_UPDATE_KEY, appUpdate, type AppUpdate } from '../modules/pwa.ts';

export function useAppUpdate(): Pick<AppUpdate, 'needRefresh' | 'offlineReady' | 'updateServiceWorker' | 'dismiss'> {
  const { needRefresh, offlineReady, updateServiceWorker, dismiss } = inject(APP_UPDATE_KEY, appUpdate);
  return { needRefresh, offlineReady, updateServiceWorker, dismiss };
}
