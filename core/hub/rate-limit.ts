/**
 * A token bucket per caller (an agency's key, or the address of an unsigned caller): `burst`
 * requests at once, refilled at `perMinute`. In memory: one hub process answers for its own door.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly o: { perMinute: number; burst: number }) {}

  /** 0 when the request may go on, else the seconds to wait. */
  take(who: string, now = Date.now()): number {
    const b = this.buckets.get(who) ?? { tokens: this.o.burst, at: now };
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 60_000) * this.o.perMinute);
    b.at = now;
    this.buckets.set(who, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * 60) / this.o.perMinute);
  }
}
