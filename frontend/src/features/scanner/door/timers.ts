import type { Clock } from './ports';

/**
 * The engine's timers by name: setting one replaces the one of that name, and all of them
 * stop together. While stopped, none is set (work finishing after a stop schedules nothing).
 */
export class NamedTimers {
  private readonly clock: Clock;
  private readonly cancels = new Map<string, () => void>();
  private running = false;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  start(): void {
    this.running = true;
  }

  /** Cancel every timer (and anything else kept here to undo, like a listener). */
  stop(): void {
    this.running = false;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
  }

  has(name: string): boolean {
    return this.cancels.has(name);
  }

  cancel(name: string): void {
    this.cancels.get(name)?.();
    this.cancels.delete(name);
  }

  /** Keep `undo` to run on stop (a listener to remove). */
  keep(name: string, undo: () => void): void {
    this.cancel(name);
    this.cancels.set(name, undo);
  }

  /** Run `callback` once, `ms` from now. */
  after(name: string, ms: number, callback: () => void): void {
    this.cancel(name);
    if (!this.running) return;
    const cancel = this.clock.after(ms, () => {
      this.cancels.delete(name);
      callback();
    });
    this.cancels.set(name, cancel);
  }

  /** Run `callback` every `ms`. */
  every(name: string, ms: number, callback: () => void): void {
    this.cancel(name);
    if (this.running) this.cancels.set(name, this.clock.every(ms, callback));
  }
}
