// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import zhCN from '../../locales/zh-CN.json';
import boJson from '../../locales/bo.json';
import { lookupMessage } from '../../src/report/labels.ts';
import { getTemplate } from '../../src/report/templates/index.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { TIBETAN, readerTestSetup, serveReports, settle, type Mounted } from './helpers.ts';

const zh = (key: string): string => lookupMessage(zhCN, key) ?? `missing zh ${key}`;
const bo = (key: string): string | undefined => lookupMessage(boJson, key);

const reader = readerTestSetup();

/**
 * The app at `path`, once the page is past "loading": the first page of a run loads its lazy
 * chunks (the tables) for a while under load, so a fixed number of ticks is not enough.
 */
async function open(path: string, reports: ReportDocument[] = [reader.seed]): Promise<Mounted> {
  serveReports(reports);
  const mounted = await reader.mount(path);
  await vi.waitFor(() => {
    expect(mounted.wrapper.find('.report-page .loading').exists()).toBe(false);
  }, { timeout: 10_000 });
  await settle();
  return mounted;
}

describe('report page in Chinese', () => {
  it('shows the title, the metadata and the six sections with labels from zh-CN.json', async () => {
    const { wrapper } = await open('/zh/reports/qingduo-2020');
    const h1 = wrapper.get('h1');
    expect(h1.text()).toContain('波密县倾多镇人民政府');
    expect(h1.text()).toContain('2020年政府信息公开工作年度报告');
    const headings = wrapper.findAll('section h2').map((h) => h.text());
    for (const section of getTemplate('2019').sections) expect(headings).toContain(zh(section.label));
    const details = wrapper.get('.details').text();
    expect(details).toContain('2020年1月1日至2020年12月31日');
    expect(details).toContain('860312');
    expect(details).toContain('0894-5663553');
    expect(wrapper.get('.details a[href="http://www.bomi.gov.cn/"]').text()).toBe('http://www.bomi.gov.cn');
  });

  it('shows the prose a paragraph per line, in Chinese, with its lang', async () => {
    const { wrapper } = await open('/zh/reports/qingduo-2020');
    const paragraphs = wrapper.findAll('#section-overview ~ .prose p');
    expect(paragraphs.length).toBe(reader.seed.sections.overview?.zh?.split('\n').length);
    const withFigure = paragraphs.find((p) => p.text().includes('893'));
    expect(withFigure?.attributes('lang')).toBe('zh-Hans');
    expect(document.documentElement.lang).toBe('zh-Hans');
    // The Chinese original is not a translation: no badge.
    expect(wrapper.find('.badge').exists()).toBe(false);
  });

  it('renders no Tibetan character as text, so the Tibetan web font is never downloaded', async () => {
    const { wrapper } = await open('/zh/reports/qingduo-2020');
    expect(document.body.textContent).not.toMatch(TIBETAN);
    // The switch to Tibetan is a drawing of the word, named for assistive technology.
    const svg = wrapper.get('.lang-switch svg');
    expect(svg.attributes('aria-label')).toBe('བོད་ཡིག');
    expect(svg.attributes('lang')).toBe('bo');
  });

  it('sets the document title in Chinese', async () => {
    await open('/zh/reports/qingduo-2020');
    expect(document.title).toContain('波密县倾多镇人民政府');
  });
});

describe('report page in Tibetan', () => {
  it('shows the Tibetan agency, title and prose, each marked lang="bo"', async () => {
    const { wrapper } = await open('/bo/reports/qingduo-2020');
    expect(document.documentElement.lang).toBe('bo');
    const agency = wrapper.get('h1 .agency');
    expect(agency.text()).toBe(reader.seed.meta.agency.bo);
    expect(agency.attributes('lang')).toBe('bo');
    expect(wrapper.get('h1 .name').text()).toBe('2020ལོའི་སྲིད་གཞུང་གི་ཆ་འཕྲིན་ཁ་ཕྱེ་བའི་ལས་དོན་ལོ་འཁོར་སྙན་ཞུ།');
    const paragraphs = wrapper.findAll('#section-overview ~ .prose p[lang]');
    expect(paragraphs.length).toBeGreaterThan(1);
    for (const p of paragraphs) {
      expect(p.attributes('lang')).toBe('bo');
      expect(p.text()).toMatch(TIBETAN);
    }
    // Chinese prose never appears under a Tibetan page unasked.
    expect(wrapper.get('#section-overview').element.parentElement?.textContent).not.toContain('893条');
  });

  it('badges the unreviewed Tibetan translation', async () => {
    const { wrapper } = await open('/bo/reports/qingduo-2020');
    const badge = wrapper.get('#section-overview ~ .prose .badge');
    expect(badge.text()).toBe(bo('reader.prose.unreviewed'));
  });

  it('marks every section heading with the language it is really shown in', async () => {
    const { wrapper } = await open('/bo/reports/qingduo-2020');
    for (const section of getTemplate('2019').sections) {
      const heading = wrapper.get(`#section-${section.key}`);
      const tibetan = bo(section.label);
      if (tibetan === undefined) {
        // bo.json lacks the label: the Chinese fallback says it is Chinese.
        expect(heading.text()).toBe(zh(section.label));
        expect(heading.attributes('lang')).toBe('zh-Hans');
      } else {
        expect(heading.text()).toBe(tibetan);
        expect(heading.attributes('lang')).toBe('bo');
      }
    }
  });

  it('marks a label bo.json lacks as Chinese (the fallback is never passed off as Tibetan)', async () => {
    const { wrapper, i18n } = await open('/bo/reports/qingduo-2020');
    const messages = structuredClone(boJson) as { template: { sections: Record<string, string> } };
    delete messages.template.sections.overview;
    i18n.global.setLocaleMessage('bo', messages as unknown as typeof zhCN);
    await settle();
    const heading = wrapper.get('#section-overview');
    expect(heading.text()).toBe(zh('template.sections.overview'));
    expect(heading.attributes('lang')).toBe('zh-Hans');
    expect(wrapper.get('#section-problems').attributes('lang')).toBe('bo');
  });

  it('says when a section has no Tibetan text and shows the Chinese only when asked, marked zh-Hans', async () => {
    const untranslated: ReportDocument = {
      ...reader.seed,
      sections: { ...reader.seed.sections, problems: { zh: '1.工作队伍不稳定。\n2.平台公开不及时。', original: 'zh', translationReviewed: false } },
    };
    const { wrapper } = await open('/bo/reports/qingduo-2020', [untranslated]);
    const block = wrapper.get('#section-problems ~ .prose');
    expect(block.text()).toContain(bo('reader.prose.missing'));
    expect(block.text()).not.toContain('工作队伍不稳定');
    await block.get('button').trigger('click');
    const other = block.get('.other');
    expect(other.attributes('lang')).toBe('zh-Hans');
    expect(other.findAll('p').map((p) => p.text())).toEqual(['1.工作队伍不稳定。', '2.平台公开不及时。']);
  });

  it('shows Tibetan digits when the reader chooses them, Arabic by default', async () => {
    const { wrapper } = await open('/bo/reports/qingduo-2020');
    expect(wrapper.get('h1 .name').text()).toMatch(/^2020/u);
    await wrapper.get('input[value="tibetan"]').setValue(true);
    await settle();
    expect(wrapper.get('h1 .name').text()).toMatch(/^༢༠༢༠/u);
    expect(wrapper.get('.rt-requests td.num .figure').text()).toBe('༠');
  });
});

describe('side by side', () => {
  it('pairs the Chinese and Tibetan paragraphs, each with its lang', async () => {
    const { wrapper } = await open('/zh/reports/qingduo-2020/side-by-side');
    const pairs = wrapper.findAll('.pair:not(.pair-head)');
    expect(pairs.length).toBeGreaterThan(0);
    const first = pairs[0]?.findAll('p') ?? [];
    expect(first.map((p) => p.attributes('lang'))).toEqual(['zh-Hans', 'bo']);
    expect(first[1]?.text()).toMatch(TIBETAN);
    expect(wrapper.text()).toContain(zh('reader.prose.unreviewed'));
  });
});

describe('errors', () => {
  it('says the report does not exist, with a way home', async () => {
    const { wrapper } = await open('/zh/reports/nowhere');
    expect(wrapper.get('[role="alert"] h1').text()).toBe(zh('reader.errors.not_found.title'));
    expect(wrapper.get('[role="alert"] a').attributes('href')).toBe('/zh');
  });
});
