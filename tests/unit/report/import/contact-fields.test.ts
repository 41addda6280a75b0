/**
 * Contact fields written without separators (地址:中埠镇铁山路37号邮编:255000): the address ends
 * where the next field begins, on a real page (tests/fixtures/real) and on the edges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { REAL_CORPUS } from '../../../support/real-corpus.ts';

const BODY = ['一、总体情况', '本镇公开政府信息20条。', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '无。', '六、其他需要报告的事项', '无。'];

describe('contact fields written without separators', () => {
  it('ends the address where 邮编 begins (地址:中埠镇铁山路37号邮编:255000)', () => {
    const { report } = importText(readFileSync(join(REAL_CORPUS, 'cn-zibo-zhongbu-2020', 'source.txt'), 'utf8'));
    expect(report.meta).toMatchObject({ address: '中埠镇铁山路37号', postcode: '255000', phone: '0533-3081517', email: 'ZBZRMZF@163.com' });
  });

  it.each([
    ['联系电话', '地址:扎囊县阿扎乡幸福路8号联系电话:0893-7351208。', '扎囊县阿扎乡幸福路8号'],
    ['邮政编码', '地址:扎囊县阿扎乡幸福路8号 邮政编码:850800。', '扎囊县阿扎乡幸福路8号'],
    ['传真', '地址:扎囊县阿扎乡幸福路8号传真:0893-7351209。', '扎囊县阿扎乡幸福路8号'],
    ['punctuation, as before', '地址:扎囊县阿扎乡幸福路8号;电话:0893-7351208。', '扎囊县阿扎乡幸福路8号'],
  ])('ends it before %s', (_, contact, address) => {
    const { report } = importText(['扎囊县阿扎乡人民政府2022年政府信息公开工作年度报告', `如对本报告有疑问,请联系阿扎乡人民政府(${contact})`, ...BODY].join('\n'));
    expect(report.meta.address).toBe(address);
  });
});
