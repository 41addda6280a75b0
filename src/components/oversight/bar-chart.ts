/**
 * Chartist's bar chart (SVG: sharp in print, its labels set in the page's own fonts, Tibetan
 * shaped like the rest of the page) and its stylesheet. Imported dynamically by
 * OversightChart.vue, so it is a chunk of its own that only the oversight page's comparison loads.
 */
import { BarChart } from 'chartist';
import 'chartist/dist/index.css';

export interface Bars {
  labels: string[];
  /** This year's values and last year's, one per label. */
  values: number[];
  previous: number[];
}

/** Draws (or redraws) horizontal bars into `element`, one pair per label, `labelWidth` px for the names. */
export function drawBars(element: HTMLElement, bars: Bars, labelWidth: number): BarChart {
  // Chartist draws the first label at the bottom: reversed (labels, data and the order of the
  // series), the list reads top-down like the table, this year's bar first (.ct-series-a).
  return new BarChart(element, { labels: bars.labels, series: [bars.previous, bars.values] }, {
    horizontalBars: true,
    reverseData: true,
    seriesBarDistance: 11,
    // Two lines of a name per bar pair (OversightChart.vue clamps longer ones).
    height: `${bars.labels.length * 52 + 40}px`,
    axisX: { onlyInteger: true },
    axisY: { offset: labelWidth },
    chartPadding: { top: 10, right: 20, bottom: 0, left: 10 },
  });
}
