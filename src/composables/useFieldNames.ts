/**
 * A draft field named for the official, in the page's language: "三 · 一、本年新收… · 总计",
 * "一、总体情况 · 藏文", "联系电话". Used where a field appears out of its form (conflicts, findings).
 */
import { toValue, type MaybeRefOrGetter } from 'vue';
import { cellLabelKeys } from '../report/tables/index.ts';
import { parseField, type FieldKey, type ProseBlock } from '../report/fields.ts';
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

  function blockName(block: ProseBlock): string {
    return block === 'preamble' ? t('editor.steps.info') : bare(t(`template.sections.${block}`));
  }

  /** The name of any field key. */
  function fieldName(field: FieldKey): string {
    const name = parseField(field);
    switch (name?.kind) {
      case 'cell': return cellName(name.cell);
      case 'unit': return `${cellName(name.cell)}${separator()}${t('editor.fields.unit')}`;
      case 'text': return `${blockName(name.block)}${separator()}${t(`editor.prose.lang.${name.lang}`)}`;
      case 'reviewed': return `${blockName(name.block)}${separator()}${t('editor.prose.reviewed')}`;
      case 'original': return `${blockName(name.block)}${separator()}${t('editor.fields.original')}`;
      case 'meta': return t(`editor.meta.fields.${name.name.replace('.', '_')}`);
      case undefined: return field;
    }
  }

  return { cellName, fieldName };
}
