/**
 * The service worker's client on the browser's own API (modules/pwa.ts uses it): the events of
 * workbox-window's Workbox that the update banner needs, without the ~2 KiB chunk that every
 * first visit of a report page downloaded after its load event (issue 12: the page's JavaScript).
 *
 * - `waiting`: a new version is installed and waits (also one that was already waiting when the
 *   page registered), while an older one is active.
 * - `activated`: a worker became active; `isUpdate` when another one was active before it.
 * - `controlling`: a worker took control of this page; `isUpdate` when another one controlled it.
 * - `redundant`: a worker was thrown away (failed install, replaced).
 */

import { SKIP_WAITING } from './sw-messages.ts';

/** What the listeners of the client are told. */
export interface ServiceWorkerClientEvent {
  isUpdate?: boolean;
}

export type ServiceWorkerClientEventType = 'waiting' | 'controlling' | 'activated' | 'redundant';

/** The client of one worker script: the part of workbox-window's Workbox that pwa.ts uses. */
export interface ServiceWorkerClient {
  addEventListener(type: ServiceWorkerClientEventType, listener: (event: ServiceWorkerClientEvent) => void): void;
  register(): Promise<unknown>;
  update(): Promise<unknown>;
  messageSkipWaiting(): void;
}

/** A client of the worker at `url` (scope `/`), on `container` (tests pass a fake). */
export function nativeServiceWorkerClient(url: string, container: ServiceWorkerContainer = navigator.serviceWorker): ServiceWorkerClient {
  const listeners = new Map<ServiceWorkerClientEventType, ((event: ServiceWorkerClientEvent) => void)[]>();
  const emit = (type: ServiceWorkerClientEventType, event: ServiceWorkerClientEvent): void => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  let registration: ServiceWorkerRegistration | undefined;
  const tracked = new WeakSet<ServiceWorker>();

  /** Follows one worker through its states; `isUpdate`: another worker was active when it arrived. */
  function track(worker: ServiceWorker, isUpdate: boolean): void {
    if (tracked.has(worker)) return;
    tracked.add(worker);
    worker.addEventListener('statechange', () => {
      // A first worker is "installed" for a moment too, on its way to activation: it waits only
      // while another one is active.
      if (worker.state === 'installed' && registration?.waiting === worker && registration.active !== null) emit('waiting', { isUpdate: true });
      else if (worker.state === 'activated') emit('activated', { isUpdate });
      else if (worker.state === 'redundant') emit('redundant', { isUpdate });
    });
  }

  async function register(): Promise<ServiceWorkerRegistration> {
    let controller = container.controller;
    container.addEventListener('controllerchange', () => {
      const isUpdate = controller !== null;
      controller = container.controller;
      emit('controlling', { isUpdate });
    });
    const registered = await container.register(url, { scope: '/' });
    registration = registered;
    registered.addEventListener('updatefound', () => {
      if (registered.installing !== null) track(registered.installing, registered.active !== null);
    });
    if (registered.installing !== null) track(registered.installing, registered.active !== null);
    // Installed on an earlier visit and still waiting for a reader's go-ahead.
    if (registered.waiting !== null && registered.active !== null) {
      track(registered.waiting, true);
      emit('waiting', { isUpdate: true });
    }
    return registered;
  }

  return {
    addEventListener(type, listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    register,
    update: async () => registration?.update(),
    messageSkipWaiting() {
      registration?.waiting?.postMessage(SKIP_WAITING);
    },
  };
}
