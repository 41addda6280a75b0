/**
 * "After 60 s without touch it returns to rotation": a timer that is idle at start, becomes busy
 * on every touch and idle again `timeout` ms after the last one. Uses setTimeout only (fake timers
 * in tests); `stop` clears it for good.
 */

export interface IdleTimer {
  /** A touch, key or click: busy now, idle again after the timeout. */
  touch(): void;
  /** True while nobody has touched the screen for the timeout. */
  readonly idle: boolean;
  /** Clears the timer (on unmount). */
  stop(): void;
}

/** Idle after this many ms without a touch. */
export const IDLE_TIMEOUT_MS = 60_000;

export function createIdleTimer(onChange: (idle: boolean) => void, timeout = IDLE_TIMEOUT_MS): IdleTimer {
  let idle = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = (value: boolean): void => {
    if (idle === value) return;
    idle = value;
    onChange(value);
  };
  return {
    touch() {
      if (timer !== undefined) clearTimeout(timer);
      set(false);
      timer = setTimeout(() => {
        timer = undefined;
        set(true);
      }, timeout);
    },
    get idle() {
      return idle;
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
