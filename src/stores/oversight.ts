/**
 * The oversight page's data: the subtree's rows for a year, then, when asked for, the key figures
 * and one agency's findings. A later load wins over an earlier one still in flight (changing the
 * year twice quickly never shows the first year's answer last).
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import {
  OversightFiguresSchema,
  OversightFindingsSchema,
  OversightResponseSchema,
  type OversightFigures,
  type OversightFindings,
  type OversightResponse,
} from '../contract/oversight.ts';
import { fetchChecked, queryString, type Fetched, type OversightQuery } from './oversight-api.ts';

export type LoadState = 'idle' | 'loading' | 'ready' | Exclude<Fetched<unknown>['kind'], 'ok'>;

export const useOversightStore = defineStore('oversight', () => {
  const state = ref<LoadState>('idle');
  const data = shallowRef<OversightResponse | null>(null);
  const figuresState = ref<LoadState>('idle');
  const figures = shallowRef<OversightFigures | null>(null);
  /** Findings by `<agency>@<year>`, as they arrive. */
  const findings = ref(new Map<string, Fetched<OversightFindings> | 'loading'>());
  let token = 0;
  let figuresToken = 0;

  async function load(query: OversightQuery): Promise<void> {
    const mine = ++token;
    state.value = 'loading';
    figures.value = null;
    figuresState.value = 'idle';
    const result = await fetchChecked(`/oversight${queryString(query)}`, OversightResponseSchema);
    if (mine !== token) return;
    if (result.kind === 'ok') data.value = result.value;
    state.value = result.kind === 'ok' ? 'ready' : result.kind;
  }

  async function loadFigures(query: OversightQuery): Promise<void> {
    const mine = ++figuresToken;
    figuresState.value = 'loading';
    const result = await fetchChecked(`/oversight/figures${queryString(query)}`, OversightFiguresSchema);
    if (mine !== figuresToken) return;
    if (result.kind === 'ok') figures.value = result.value;
    figuresState.value = result.kind === 'ok' ? 'ready' : result.kind;
  }

  async function loadFindings(agency: string, year: number): Promise<void> {
    const key = `${agency}@${year}`;
    if (findings.value.get(key) === 'loading') return;
    findings.value.set(key, 'loading');
    findings.value.set(key, await fetchChecked(`/oversight/findings${queryString({ agency, year })}`, OversightFindingsSchema));
  }

  return { state, data, figuresState, figures, findings, load, loadFigures, loadFindings };
});
