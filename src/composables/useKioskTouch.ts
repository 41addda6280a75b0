/**
 * Touch and keys on the kiosk: a tap on the right half or a swipe to the left shows the next page,
 * the left half or a swipe to the right the previous one; arrow and page keys do the same on a
 * mini PC. Every touch counts as activity (the rotation pauses until 60 s of quiet). A press held
 * 3 s on the top-left corner (`.k-setup-corner`) opens the setup screen.
 */
import { onMounted, onScopeDispose, type Ref } from 'vue';

/** How long the corner must be held. */
export const LONG_PRESS_MS = 3_000;

export interface KioskTouchHandlers {
  next(): void;
  prev(): void;
  activity(): void;
  openSetup(): void;
}

export function useKioskTouch(target: Ref<HTMLElement | null>, handlers: KioskTouchHandlers): void {
  let start: { x: number; y: number; id: number } | null = null;
  let press: ReturnType<typeof setTimeout> | undefined;
  let pressed = false;

  const cancelPress = (): void => {
    if (press !== undefined) clearTimeout(press);
    press = undefined;
  };

  function onDown(event: PointerEvent): void {
    handlers.activity();
    start = { x: event.clientX, y: event.clientY, id: event.pointerId };
    pressed = false;
    cancelPress();
    if (event.target instanceof Element && event.target.closest('.k-setup-corner') !== null) {
      press = setTimeout(() => {
        press = undefined;
        pressed = true;
        handlers.openSetup();
      }, LONG_PRESS_MS);
    }
  }

  function onUp(event: PointerEvent): void {
    cancelPress();
    const from = start;
    start = null;
    if (pressed || from === null || from.id !== event.pointerId) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    const width = window.innerWidth;
    if (Math.abs(dx) > Math.max(50, width * 0.05) && Math.abs(dx) > Math.abs(dy)) {
      if (dx < 0) handlers.next();
      else handlers.prev();
    } else if (Math.abs(dx) < 30 && Math.abs(dy) < 30) {
      if (event.clientX >= width / 2) handlers.next();
      else handlers.prev();
    }
  }

  function onCancel(): void {
    cancelPress();
    start = null;
  }

  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    if (['ArrowRight', 'PageDown', ' '].includes(event.key)) {
      handlers.activity();
      handlers.next();
    } else if (['ArrowLeft', 'PageUp'].includes(event.key)) {
      handlers.activity();
      handlers.prev();
    }
  }

  onMounted(() => {
    const el = target.value;
    el?.addEventListener('pointerdown', onDown);
    el?.addEventListener('pointerup', onUp);
    el?.addEventListener('pointercancel', onCancel);
    el?.addEventListener('pointerleave', onCancel);
    window.addEventListener('keydown', onKey);
  });
  onScopeDispose(() => {
    cancelPress();
    const el = target.value;
    el?.removeEventListener('pointerdown', onDown);
    el?.removeEventListener('pointerup', onUp);
    el?.removeEventListener('pointercancel', onCancel);
    el?.removeEventListener('pointerleave', onCancel);
    window.removeEventListener('keydown', onKey);
  });
}
