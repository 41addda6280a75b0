/**
 * A draft field named for the official, in the page's language: "三 · 一、本年新收… · 总计",
 * "一、总体情况 · 藏文", "联系电话". Used where a field appears out of its form (conflicts, findings).
 */
import { toValue, type MaybeRefOrGetter } from 'vue';
import { cellLabelKeys } from '../report/cell-labels.ts';
import type { CellKey } from '../report/model.ts';
import type { TemplateDef } from '../report/templates/index.ts';
import { useLabels } from './useLabels.ts';

export function useFieldNames(template: MaybeRefOrGetter<TemplateDef | null>) {
  const { t } = useLabels();
  const separator = (): string => t('sync.separator');
  // Tibetan labels end with a shad; inside a joined name it would double.
  const bare = (text: string): string => text.replace(/[\u0F0D\u0F0E]+$/u, '');

  function cellName(key: CellKey): string {
    const def = toValue(template);
    if (def === null) return key;
    const keys = cellLabelKeys(def, key);
    return keys.length === 0 ? key : keys.map((k) => bare(t(k))).join(separator());
  }

  function blockName(block: string): string {
    return block === 'preamble' ? t('editor.steps.info') : bare(t(`template.sections.${block}`));
  }

  /** The name of any field key. */
  function fieldName(field: string): string {
    const [kind = '', name = '', lang] = field.split(':');
    if (kind === 'cell') return cellName(name);
    if (kind === 'unit') return `${cellName(name)}${separator()}${t('editor.fields.unit')}`;
    if (kind === 'text') return `${blockName(name)}${separator()}${t(`editor.prose.lang.${lang === 'bo' ? 'bo' : 'zh'}`)}`;
    if (kind === 'reviewed') return `${blockName(name)}${separator()}${t('editor.prose.reviewed')}`;
    if (kind === 'original') return `${blockName(name)}${separator()}${t('editor.fields.original')}`;
    if (kind === 'meta') return t(`editor.meta.fields.${name.replace('.', '_')}`);
    return field;
  }

  return { cellName, fieldName };
}
