/**
 * When two written names name the same agency (src/report/agency-name.ts), and which printed
 * names the importer must not take as an agency without asking.
 */
import { describe, expect, it } from 'vitest';
import { agencyNameDoubt, namesSameAgency } from '../../../src/report/agency-name.ts';

describe('namesSameAgency', () => {
  it.each([
    ['龙口镇', '鹤山市龙口镇人民政府'],
    ['下湿壕镇政府', '固阳县下湿壕镇人民政府'],
    ['康定市塔公镇', '康定市塔公镇人民政府'],
    ['阿里地区', '阿里地区行政公署'],
    ['城口县人民政府机关', '城口县人民政府'],
    ['西藏自治区国有资产监督管理委员会', '西藏自治区人民政府国有资产监督管理委员会'],
  ])('%s names %s (places above left out, government word shortened)', (printed, full) => {
    expect(namesSameAgency(printed, full)).toBe(true);
    expect(namesSameAgency(full, printed)).toBe(true);
  });

  it.each([
    ['文教局', '长春经济技术开发区文教局'],
    ['市政府研究室', '孝感市人民政府研究室'],
    ['上海市科委', '上海市科学技术委员会'],
    ['沐阳县人民政府', '沭阳县人民政府'],
    ['阿里地区', '阿里地区行政公署办公室'],
    ['口镇', '鹤山市龙口镇人民政府'],
    ['', '城口县人民政府'],
  ])('%s does not name %s', (printed, full) => {
    expect(namesSameAgency(printed, full)).toBe(false);
  });
});

describe('agencyNameDoubt', () => {
  it.each([
    ['市政府研究室', 'relative'],
    ['文教局', 'no_place'],
    ['上海市科委', 'abbreviated'],
    ['西藏自治区政府国资委', 'abbreviated'],
    ['甘南州民族事务委员会', 'abbreviated'],
  ] as const)('%s: %s', (name, doubt) => {
    expect(agencyNameDoubt(name)).toBe(doubt);
  });

  it.each(['鹤山市龙口镇人民政府', '龙口镇', '甘南藏族自治州民族事务委员会', '杭州市卫生健康委员会', '国家统计局', '西藏自治区人民政府'])('%s names one agency in full', (name) => {
    expect(agencyNameDoubt(name)).toBeUndefined();
  });
});
