/**
 * A camera sees a code many times a second, and a phone left pointing at a ticket must not
 * flood the scan log (the server would flag a shared ticket). A code is sent again only once
 * it has been out of view for the whole window: each sighting starts the window over.
 */
export class RepeatFilter {
  private readonly windowMs: number;
  private readonly lastSeen = new Map<string, number>();

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Whether `code` was seen within the window before `now`; either way it is seen now. */
  repeated(code: string, now: number): boolean {
    for (const [seen, at] of this.lastSeen) {
      if (now - at >= this.windowMs) this.lastSeen.delete(seen);
    }
    const repeated = this.lastSeen.has(code);
    this.lastSeen.set(code, now);
    return repeated;
  }
}
