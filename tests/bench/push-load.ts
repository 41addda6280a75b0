/**
 * The load loop of `npm run bench:sync`, the same for every server it measures: devices that push
 * `batch` mutations at a time until `total` are sent or `seconds` have passed, paced or saturated.
 *
 * - paced: together the devices offer `rate` mutations/s, each on its own schedule. Latency counts
 *   from the scheduled send time, so a server falling behind shows as latency, not as a politely
 *   slower client (coordinated omission).
 * - saturated: every device pushes again as soon as it has its answer: the capacity, where latency
 *   is just devices ÷ throughput.
 */

export interface PushOutcome {
  ok: boolean;
  conflicts: number;
}

/** One push of `size` mutations by one device, over HTTP. */
export type Push = (size: number) => Promise<PushOutcome>;

export type Mode = 'paced' | 'saturated';

export interface LoadOptions {
  mode: Mode;
  devices: readonly Push[];
  batch: number;
  total: number;
  seconds: number;
  /** Mutations/s the devices offer together when paced. */
  rate: number;
}

export interface Result {
  mutations: number;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  conflicts: number;
  errors: number;
  /** Every push's latency (ms), in the order they ended: to merge runs. */
  latencies: number[];
}

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export async function load({ mode, devices, batch, total, seconds: limit, rate }: LoadOptions): Promise<Result> {
  const latencies: number[] = [];
  // Paced: each device pushes every `interval` ms, the devices spread evenly over one interval.
  const interval = (devices.length * batch * 1000) / rate;
  let sent = 0;
  let conflicts = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + limit * 1000;

  const run = async (push: Push, index: number): Promise<void> => {
    let due = started + (interval * index) / devices.length;
    while (sent < total && performance.now() < deadline) {
      if (mode === 'paced') {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const size = Math.min(batch, total - sent);
      sent += size;
      const t0 = mode === 'paced' ? due : performance.now();
      due += interval;
      const outcome = await push(size);
      latencies.push(performance.now() - t0);
      if (outcome.ok) conflicts += outcome.conflicts;
      else errors += 1;
    }
  };

  await Promise.all(devices.map(run));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mutations: sent,
    requests: latencies.length,
    seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    conflicts,
    errors,
    latencies,
  };
}

/** Runs one after another as one: their pushes, time and latencies added up. */
export function merged(results: readonly Result[]): Result {
  const latencies = results.flatMap((r) => r.latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  const sum = (f: (r: Result) => number) => results.reduce((total, r) => total + f(r), 0);
  return {
    mutations: sum((r) => r.mutations),
    requests: sum((r) => r.requests),
    seconds: sum((r) => r.seconds),
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    conflicts: sum((r) => r.conflicts),
    errors: sum((r) => r.errors),
    latencies,
  };
}
