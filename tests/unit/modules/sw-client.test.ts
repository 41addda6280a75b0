/**
 * The service worker client on the browser's own API (src/modules/sw-client.ts), against a fake
 * container whose workers change state as the test says: the events the update banner relies on.
 */
import { describe, expect, it, vi } from 'vitest';
import { SKIP_WAITING } from '../../../src/modules/sw-messages.ts';
import { nativeServiceWorkerClient, type ServiceWorkerClientEvent, type ServiceWorkerClientEventType } from '../../../src/modules/sw-client.ts';

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  postMessage = vi.fn();
  to(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  update = vi.fn(() => Promise.resolve(undefined));
  /** A new worker starts installing. */
  found(worker: FakeWorker): void {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }
  /** The installing worker installed: it waits while another is active, else it activates. */
  installed(): void {
    const worker = this.installing;
    if (worker === null) throw new Error('nothing installing');
    this.installing = null;
    this.waiting = worker;
    worker.to('installed');
    if (this.active === null) this.activate();
  }
  activate(): void {
    const worker = this.waiting;
    if (worker === null) throw new Error('nothing waiting');
    this.waiting = null;
    this.active?.to('redundant');
    this.active = worker;
    worker.to('activating');
    worker.to('activated');
  }
}

class FakeContainer extends EventTarget {
  controller: FakeWorker | null = null;
  constructor(readonly registration: FakeRegistration) {
    super();
  }
  register = vi.fn(() => Promise.resolve(this.registration));
  claim(worker: FakeWorker): void {
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

function setUp(registration = new FakeRegistration(), controller: FakeWorker | null = null) {
  const container = new FakeContainer(registration);
  container.controller = controller;
  const client = nativeServiceWorkerClient('/sw.js', container as unknown as ServiceWorkerContainer);
  const events: [ServiceWorkerClientEventType, ServiceWorkerClientEvent][] = [];
  for (const type of ['waiting', 'controlling', 'activated', 'redundant'] as const) {
    client.addEventListener(type, (event) => events.push([type, event]));
  }
  return { client, container, registration, events };
}

describe('nativeServiceWorkerClient', () => {
  it('first visit: the worker installs, activates and takes the page, and nothing waits', async () => {
    const { client, container, registration, events } = setUp();
    const first = new FakeWorker();
    registration.installing = first;
    await client.register();
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
    registration.installed();
    container.claim(first);
    expect(events).toEqual([
      ['activated', { isUpdate: false }],
      ['controlling', { isUpdate: false }],
    ]);
  });

  it('a new version found while the page is open waits, and takes over on the go-ahead', async () => {
    const registration = new FakeRegistration();
    const old = new FakeWorker();
    old.state = 'activated';
    registration.active = old;
    const { client, container, events } = setUp(registration, old);
    await client.register();
    expect(events).toEqual([]);
    const next = new FakeWorker();
    registration.found(next);
    registration.installed();
    expect(events).toEqual([['waiting', { isUpdate: true }]]);
    client.messageSkipWaiting();
    expect(next.postMessage).toHaveBeenCalledWith(SKIP_WAITING);
    expect(old.postMessage).not.toHaveBeenCalled();
    registration.activate();
    container.claim(next);
    expect(events.slice(1)).toEqual([
      ['activated', { isUpdate: true }],
      ['controlling', { isUpdate: true }],
    ]);
  });

  it('a version installed on an earlier visit and still waiting is announced at registration', async () => {
    const registration = new FakeRegistration();
    const old = new FakeWorker();
    old.state = 'activated';
    const waiting = new FakeWorker();
    waiting.state = 'installed';
    Object.assign(registration, { active: old, waiting });
    const { client, events } = setUp(registration, old);
    await client.register();
    expect(events).toEqual([['waiting', { isUpdate: true }]]);
  });

  it('a worker that fails to install is reported redundant, never waiting', async () => {
    const { client, registration, events } = setUp();
    const broken = new FakeWorker();
    registration.installing = broken;
    await client.register();
    broken.to('redundant');
    expect(events).toEqual([['redundant', { isUpdate: false }]]);
  });

  it('asks the registration for an update, and sends the go-ahead to no worker when none waits', async () => {
    const registration = new FakeRegistration();
    const active = new FakeWorker();
    active.state = 'activated';
    registration.active = active;
    const { client } = setUp(registration, active);
    await client.register();
    await client.update();
    expect(registration.update).toHaveBeenCalledTimes(1);
    client.messageSkipWaiting();
    expect(active.postMessage).not.toHaveBeenCalled();
  });
});
