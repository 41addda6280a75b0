/**
 * Names of the synthetic region: the seven real prefectures of the Tibet Autonomous Region, then
 * counties and townships named from syllables common in its place names (in Chinese and the
 * matching Tibetan syllables), and departments of the usual kinds. Synthetic: no real county or
 * township is meant, and the Tibetan is for testing, not for reading.
 */
import type { Dice } from './dice.ts';

export interface Name {
  zh: string;
  bo: string;
}

/** The prefectures and how many counties each has (74 in all, as the region has). */
export const PREFECTURES: readonly (Name & { id: string; counties: number; government: 'city' | 'area' })[] = [
  { id: 'lasa', zh: '拉萨', bo: 'ལྷ་ས', counties: 8, government: 'city' },
  { id: 'rikaze', zh: '日喀则', bo: 'གཞིས་ཀ་རྩེ', counties: 18, government: 'city' },
  { id: 'changdu', zh: '昌都', bo: 'ཆབ་མདོ', counties: 11, government: 'city' },
  { id: 'linzhi', zh: '林芝', bo: 'ཉིང་ཁྲི', counties: 7, government: 'city' },
  { id: 'shannan', zh: '山南', bo: 'ལྷོ་ཁ', counties: 12, government: 'city' },
  { id: 'naqu', zh: '那曲', bo: 'ནག་ཆུ', counties: 11, government: 'city' },
  { id: 'ali', zh: '阿里', bo: 'མངའ་རིས', counties: 7, government: 'area' },
];

/** Place-name syllables: Chinese transcription and the Tibetan syllable. */
const SYLLABLES: readonly Name[] = [
  { zh: '达', bo: 'སྟག' }, { zh: '孜', bo: 'རྩེ' }, { zh: '曲', bo: 'ཆུ' }, { zh: '朗', bo: 'གླང' },
  { zh: '措', bo: 'མཚོ' }, { zh: '岗', bo: 'སྒང' }, { zh: '嘎', bo: 'དཀར' }, { zh: '隆', bo: 'ལུང' },
  { zh: '江', bo: 'ལྗང' }, { zh: '扎', bo: 'བཀྲ' }, { zh: '布', bo: 'བུ' }, { zh: '贡', bo: 'གོང' },
  { zh: '觉', bo: 'ཅོག' }, { zh: '仁', bo: 'རིན' }, { zh: '桑', bo: 'བཟང' }, { zh: '多', bo: 'མདོ' },
  { zh: '吉', bo: 'སྐྱིད' }, { zh: '堆', bo: 'སྟོད' }, { zh: '玛', bo: 'མ' }, { zh: '雄', bo: 'གཞུང' },
  { zh: '定', bo: 'སྡིངས' }, { zh: '日', bo: 'རི' }, { zh: '卡', bo: 'ཁ' }, { zh: '尼', bo: 'སྙེ' },
];

/** A two- or three-syllable place name, different from those already `used`. */
export function placeName(dice: Dice, used: Set<string>): Name {
  for (;;) {
    const parts = Array.from({ length: dice.chance(0.3) ? 3 : 2 }, () => dice.pick(SYLLABLES));
    const name = { zh: parts.map((p) => p.zh).join(''), bo: parts.map((p) => p.bo).join('་') };
    if (!used.has(name.zh)) {
      used.add(name.zh);
      return name;
    }
  }
}

/** Departments as a government has them: a slug for ids, the Chinese and Tibetan kind. */
export const DEPARTMENTS: readonly (Name & { slug: string })[] = [
  { slug: 'edu', zh: '教育局', bo: 'སློབ་གསོ་ཅུས' }, { slug: 'police', zh: '公安局', bo: 'སྤྱི་བདེ་ཅུས' },
  { slug: 'civil', zh: '民政局', bo: 'དམངས་སྲིད་ཅུས' }, { slug: 'finance', zh: '财政局', bo: 'དཔལ་འབྱོར་ཅུས' },
  { slug: 'land', zh: '自然资源局', bo: 'རང་བྱུང་ཐོན་ཁུངས་ཅུས' }, { slug: 'env', zh: '生态环境局', bo: 'སྐྱེ་ཁམས་ཁོར་ཡུག་ཅུས' },
  { slug: 'housing', zh: '住房和城乡建设局', bo: 'ཁང་བཟོ་ཅུས' }, { slug: 'transport', zh: '交通运输局', bo: 'འགྲིམ་འགྲུལ་ཅུས' },
  { slug: 'water', zh: '水利局', bo: 'ཆུ་ལས་ཅུས' }, { slug: 'farm', zh: '农业农村局', bo: 'ཞིང་ལས་ཅུས' },
  { slug: 'health', zh: '卫生健康委员会', bo: 'འཕྲོད་བསྟེན་ཨུ་ཡོན་ལྷན་ཁང' }, { slug: 'market', zh: '市场监督管理局', bo: 'ཚོང་ར་ལྟ་སྲུང་ཅུས' },
  { slug: 'audit', zh: '审计局', bo: 'རྩིས་ཞིབ་ཅུས' }, { slug: 'stats', zh: '统计局', bo: 'སྡོམ་རྩིས་ཅུས' },
  { slug: 'forest', zh: '林业和草原局', bo: 'ནགས་ལས་ཅུས' }, { slug: 'labour', zh: '人力资源和社会保障局', bo: 'མི་ཤུགས་ཐོན་ཁུངས་ཅུས' },
  { slug: 'justice', zh: '司法局', bo: 'ཁྲིམས་བདག་ཅུས' }, { slug: 'culture', zh: '文化和旅游局', bo: 'རིག་གནས་ཅུས' },
  { slug: 'emergency', zh: '应急管理局', bo: 'ཛ་དྲག་དོ་དམ་ཅུས' }, { slug: 'commerce', zh: '商务局', bo: 'ཚོང་ལས་ཅུས' },
  { slug: 'science', zh: '科学技术局', bo: 'ཚན་རྩལ་ཅུས' }, { slug: 'dev', zh: '发展和改革委员会', bo: 'འཕེལ་རྒྱས་ཨུ་ཡོན་ལྷན་ཁང' },
  { slug: 'religion', zh: '民族宗教事务局', bo: 'མི་རིགས་ཆོས་ལུགས་ཅུས' }, { slug: 'veterans', zh: '退役军人事务局', bo: 'དམག་མི་ཅུས' },
  { slug: 'sport', zh: '体育局', bo: 'ལུས་རྩལ་ཅུས' }, { slug: 'media', zh: '广播电视局', bo: 'རླུང་འཕྲིན་བརྙན་འཕྲིན་ཅུས' },
  { slug: 'rural', zh: '乡村振兴局', bo: 'གྲོང་གསེབ་འཕེལ་རྒྱས་ཅུས' }, { slug: 'grain', zh: '粮食和物资储备局', bo: 'འབྲུ་རིགས་ཅུས' },
  { slug: 'relics', zh: '文物局', bo: 'རིག་དངོས་ཅུས' }, { slug: 'petition', zh: '信访局', bo: 'ཞུ་གཏུག་ཅུས' },
  { slug: 'weather', zh: '气象局', bo: 'གནམ་གཤིས་ཅུས' }, { slug: 'medical', zh: '医疗保障局', bo: 'སྨན་བཅོས་འགན་ལེན་ཅུས' },
  { slug: 'energy', zh: '能源局', bo: 'ནུས་ཁུངས་ཅུས' }, { slug: 'drugs', zh: '药品监督管理局', bo: 'སྨན་རྫས་ལྟ་སྲུང་ཅུས' },
  { slug: 'affairs', zh: '机关事务管理局', bo: 'ལས་ཁུངས་དོན་གཅོད་ཅུས' }, { slug: 'quake', zh: '地震局', bo: 'ས་ཡོམ་ཅུས' },
  { slug: 'assets', zh: '国有资产监督管理委员会', bo: 'རྒྱལ་གཉེར་རྒྱུ་ནོར་ཨུ་ཡོན་ལྷན་ཁང' }, { slug: 'airdef', zh: '人民防空办公室', bo: 'མི་དམངས་མཁའ་སྲུང་གཞུང་ལས་ཁང' },
  { slug: 'archives', zh: '档案局', bo: 'ཡིག་ཚགས་ཅུས' }, { slug: 'tax', zh: '税务局', bo: 'ཁྲལ་དོན་ཅུས' },
];

/** "…人民政府" in both languages. */
export function government(place: Name, kind: '县' | '乡' | '镇' | '市' | '地区'): Name {
  const bo = { 县: 'རྫོང', 乡: 'ཤང', 镇: 'གྲོང་རྡལ', 市: 'གྲོང་ཁྱེར', 地区: 'ས་ཁུལ' }[kind];
  const office = kind === '地区' ? '行政公署' : '人民政府';
  const boOffice = kind === '地区' ? 'སྲིད་འཛིན་གཞུང་ལས་ཁང' : 'མི་དམངས་སྲིད་གཞུང';
  return { zh: `${place.zh}${kind}${office}`, bo: `${place.bo}་${bo}་${boOffice}` };
}
