/**
 * WeChat's in-app browser (a kiosk's QR code scanned with WeChat opens there) keeps no offline
 * copy of a page: a reader who scanned it has nothing once the signal goes. It is told to open the
 * page in the phone's browser, with the menu item WeChat shows on that phone: its UA has
 * `MicroMessenger` (WeChat and WeCom alike).
 */
export type WeChatPlatform = 'ios' | 'android' | 'other';

/** The phone's kind when `userAgent` is WeChat's in-app browser, else undefined. */
export function weChatPlatform(userAgent: string): WeChatPlatform | undefined {
  if (!/\bMicroMessenger\//iu.test(userAgent)) return undefined;
  if (/\b(?:iPhone|iPad|iPod)\b/u.test(userAgent)) return 'ios';
  if (/\bAndroid\b/u.test(userAgent)) return 'android';
  return 'other';
}
