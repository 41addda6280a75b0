// @vitest-environment happy-dom
/**
 * WeChat's in-app browser keeps no offline copy: the reader is told, in their language, how to
 * open the page in the phone's browser (the menu item as WeChat shows it on that phone).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import AppWeChatNotice from '../../src/components/app/AppWeChatNotice.vue';
import { weChatPlatform } from '../../src/modules/in-app-browser.ts';
import { createAppI18n, loadMessages, setLocale } from '../../src/modules/i18n.ts';
import zhCN from '../../locales/zh-CN.json';
import boJson from '../../locales/bo.json';

const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 12; V2134A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20230805 MMWEBID/2467 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64';
const IPHONE_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x1800282a) NetType/WIFI Language/zh_CN';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 12; V2134A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('weChatPlatform', () => {
  it("tells WeChat's browser by its user agent, and the phone it runs on", () => {
    expect(weChatPlatform(ANDROID_WECHAT)).toBe('android');
    expect(weChatPlatform(IPHONE_WECHAT)).toBe('ios');
    expect(weChatPlatform('Mozilla/5.0 (Windows NT 10.0) MicroMessenger/7.0.20 WindowsWechat')).toBe('other');
    expect(weChatPlatform(ANDROID_CHROME)).toBeUndefined();
    expect(weChatPlatform('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1')).toBeUndefined();
  });
});

describe('AppWeChatNotice', () => {
  async function notice(userAgent: string, lang: 'zh' | 'bo', bilingual = false) {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent);
    const i18n = createAppI18n();
    await loadMessages(i18n, 'bo');
    await setLocale(i18n, lang);
    const wrapper = mount(AppWeChatNotice, { props: { bilingual }, global: { plugins: [createPinia(), i18n] } });
    await wrapper.vm.$nextTick();
    return wrapper;
  }

  it('says nothing in an ordinary browser', async () => {
    const wrapper = await notice(ANDROID_CHROME, 'zh');
    expect(wrapper.find('.wechat').exists()).toBe(false);
  });

  it("in WeChat on Android, in Chinese: WeChat's own menu item", async () => {
    const wrapper = await notice(ANDROID_WECHAT, 'zh');
    expect(wrapper.get('.title').text()).toBe(zhCN.app.wechat.title);
    expect(wrapper.text()).toContain('「在浏览器打开」');
    expect(wrapper.get('[lang]').attributes('lang')).toBe('zh-Hans');
  });

  it('in WeChat on an iPhone, in Tibetan, quoting the Chinese menu item WeChat shows', async () => {
    const wrapper = await notice(IPHONE_WECHAT, 'bo');
    expect(wrapper.get('[lang]').attributes('lang')).toBe('bo');
    expect(wrapper.text()).toContain(boJson.app.wechat.how.ios);
    expect(wrapper.text()).toContain('「在 Safari 中打开」');
    expect(wrapper.get('button').text()).toBe(boJson.app.wechat.dismiss);
  });

  it('in both languages on the bilingual pages, and gone once dismissed', async () => {
    const wrapper = await notice(ANDROID_WECHAT, 'zh', true);
    expect(wrapper.findAll('div[lang]').map((node) => node.attributes('lang'))).toEqual(['zh-Hans', 'bo']);
    expect(wrapper.text()).toContain(boJson.app.wechat.how.android);
    // The button's Tibetan is marked as such, or it is drawn in no Tibetan font (boxes, seen in Chromium).
    expect(wrapper.get('button span[lang="bo"]').text()).toBe(boJson.app.wechat.dismiss);
    expect(wrapper.get('button').text()).toBe(`${zhCN.app.wechat.dismiss} · ${boJson.app.wechat.dismiss}`);
    await wrapper.get('button').trigger('click');
    expect(wrapper.find('.wechat').exists()).toBe(false);
  });
});
