/**
 * Login throttling: at most `limit` failed attempts per key (user name + client address) in any
 * sliding window of `windowMs`. In memory and PER PROCESS: several API processes behind a load
 * balancer each allow `limit`; a restart forgets. Keying on the pair (not the user name alone)
 * stops an attacker elsewhere from locking a user out of their own address.
 *
 * An attempt is counted when it starts (`begin`) and forgiven when it succeeds (`succeed`), so
 * concurrent guesses cannot slip past the limit while their password checks are in flight.
 */
import { AppError, isAppError } from '../errors.js';

export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    /** Bound on remembered keys; the oldest are dropped first. */
    private readonly maxKeys = 100_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`login rate limit must be a whole number ≥ 1, got ${limit}`);
  }

  private recent(key: string, t: number): number[] {
    const list = this.attempts.get(key);
    if (!list) return [];
    const live = list.filter((at) => at > t - this.windowMs);
    if (live.length === 0) this.attempts.delete(key);
    else if (live.length !== list.length) this.attempts.set(key, live);
    return live;
  }

  /** Counts an attempt, or throws RATE_LIMITED (429) with the seconds until one is allowed. */
  begin(key: string): void {
    const t = this.now();
    const live = this.recent(key, t);
    if (live.length >= this.limit) {
      const seconds = Math.max(1, Math.ceil((live[live.length - this.limit]! + this.windowMs - t) / 1000));
      const message = `Too many failed login attempts for this user name from this address: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
      throw new AppError('RATE_LIMITED', 429, message, [{ path: 'retryAfter', message: `retry after ${seconds} s`, retryAfterSeconds: seconds }]);
    }
    live.push(t);
    this.attempts.delete(key); // re-insert: Map order = least recently attempted first
    this.attempts.set(key, live);
    if (this.attempts.size > this.maxKeys) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
  }

  /** Forgets the key's failures after a successful login. */
  succeed(key: string): void {
    this.attempts.delete(key);
  }

  /** Failures currently counted for a key (for tests and diagnostics). */
  failures(key: string): number {
    return this.recent(key, this.now()).length;
  }
}

/** The Retry-After figure (seconds) of a RATE_LIMITED error, for the HTTP header. */
export function retryAfterSeconds(e: unknown): number | undefined {
  if (!isAppError(e) || e.code !== 'RATE_LIMITED') return undefined;
  const v = e.details.find((d) => typeof d.retryAfterSeconds === 'number')?.retryAfterSeconds;
  return typeof v === 'number' ? v : undefined;
}
