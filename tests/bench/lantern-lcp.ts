/**
 * What Lighthouse's simulated LCP waited for, in runs kept by `npm run bench:reader -- --keep DIR`:
 * `npx tsx tests/bench/lantern-lcp.ts DIR/bo-1 DIR/bo-2 …` prints, per run, the LCP, its two
 * estimates (Lantern's LCP is the mean of an optimistic and a pessimistic one) and the nodes of
 * each estimate's graph with the time the simulation ends them: the requests (other than the
 * document) and the main thread's tasks, `cpu<observed ms>@<simulated end ms>`. The estimate is
 * the latest end in its graph.
 *
 * Which nodes are in the graphs is decided by the observed trace (Lantern's LargestContentfulPaint,
 * FirstContentfulPaint.getFirstPaintBasedGraph): every request that ended before the observed LCP,
 * whatever started it; the first task that parsed HTML, the first that laid out, the first that
 * painted and the scripts evaluated before it (optimistic); every task that laid out before it too
 * (pessimistic). A request that happens to end just before the paint's timestamp in one run and
 * just after it in the next moves the figure by its whole simulated time (src/fonts/README.md).
 */
import { readFileSync } from 'node:fs';
import { loadArtifacts } from 'lighthouse/core/lib/asset-saver.js';
import { LanternLargestContentfulPaint } from 'lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js';
import type { Artifacts, Result } from 'lighthouse';

type LanternMetric = Artifacts.LanternMetric;
type Graph = LanternMetric['optimisticGraph'];
type Estimate = LanternMetric['optimisticEstimate'];

/** One graph's nodes as `what@end`, in the order the simulation ends them. */
function nodesOf(graph: Graph, estimate: Estimate): string {
  const nodes: { end: number; text: string }[] = [];
  graph.traverse((node) => {
    const end = estimate.nodeTimings.get(node)?.endTime ?? Number.NaN;
    if (node.type === 'network') {
      if (node.isMainDocument() || node.request.url.startsWith('data:')) return;
      nodes.push({ end, text: `${new URL(node.request.url).pathname}@${String(Math.round(end))}` });
    } else {
      nodes.push({ end, text: `cpu${String(Math.round(node.duration / 1000))}@${String(Math.round(end))}` });
    }
  });
  return nodes.sort((a, b) => a.end - b.end).map((node) => node.text).join(' ');
}

async function explain(dir: string): Promise<string> {
  const artifacts = loadArtifacts(dir);
  const lhr = JSON.parse(readFileSync(`${dir}/lhr.report.json`, 'utf8')) as Result;
  const settings = lhr.configSettings;
  const lcp = await LanternLargestContentfulPaint.request(
    {
      trace: artifacts.Trace,
      devtoolsLog: artifacts.DevtoolsLog,
      gatherContext: artifacts.GatherContext,
      settings,
      URL: artifacts.URL,
      SourceMaps: artifacts.SourceMaps,
      simulator: null,
    },
    { computedCache: new Map(), settings },
  );
  const observed = (lhr.audits.metrics?.details as { items?: { observedLargestContentfulPaint?: number; observedLoad?: number }[] } | undefined)?.items?.[0];
  const ms = (value: number | undefined): string => String(Math.round(value ?? Number.NaN));
  return [
    `${dir}: LCP ${ms(lcp.timing)} = (optimistic ${ms(lcp.optimisticEstimate.timeInMs)} + pessimistic ${ms(lcp.pessimisticEstimate.timeInMs)}) / 2;` +
      ` observed LCP ${ms(observed?.observedLargestContentfulPaint)}, load ${ms(observed?.observedLoad)}`,
    `   optimistic: ${nodesOf(lcp.optimisticGraph, lcp.optimisticEstimate)}`,
    `  pessimistic: ${nodesOf(lcp.pessimisticGraph, lcp.pessimisticEstimate)}`,
  ].join('\n');
}

for (const dir of process.argv.slice(2)) console.log(await explain(dir));
