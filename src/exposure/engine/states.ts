/**
 * Triage states by finding key (`${componentId}|${cveId}|${productKey}`), kept whether or not the finding
 * exists now (a version change that drops and brings back a finding keeps its state), and read as of now:
 * an expired risk acceptance reads as new (open again), saying so.
 */
import type { EffectiveState, FindingState } from './types.js';

const NEW: EffectiveState = Object.freeze({ state: 'new' });

export class StateBook {
  private readonly states = new Map<string, FindingState>();
  /** Component id → how many states name it: most components have none, and then no key is built. */
  private readonly perComponent = new Map<string, number>();

  constructor(private readonly now: () => Date) {}

  get size(): number { return this.states.size; }

  set(key: string, s: FindingState | null): void {
    const comp = key.slice(0, key.indexOf('|'));
    const had = this.states.has(key);
    if (s === null) {
      if (!had) return;
      this.states.delete(key);
      const n = (this.perComponent.get(comp) ?? 1) - 1;
      if (n > 0) this.perComponent.set(comp, n); else this.perComponent.delete(comp);
      return;
    }
    this.states.set(key, s);
    if (!had) this.perComponent.set(comp, (this.perComponent.get(comp) ?? 0) + 1);
  }

  hasAny(componentId: string): boolean { return this.perComponent.has(componentId); }

  /** The state as read now. */
  read(key: string, at: Date = this.now()): EffectiveState {
    const s = this.states.get(key);
    if (!s) return NEW;
    if (s.state === 'risk-accepted' && s.expiresAt !== undefined && Date.parse(s.expiresAt) <= at.getTime()) {
      return {
        state: 'new',
        expired: {
          state: 'risk-accepted', reason: s.reason, expiresAt: s.expiresAt,
          note: `Risk acceptance expired at ${s.expiresAt}${s.reason ? ` (was: ${s.reason})` : ''}: open again`,
        },
      };
    }
    return s;
  }
}
