// Configuration problems the service found while working (the bot is not in the review channel, a scope is
// missing, a token was revoked): one entry per problem, set when a call fails that way and cleared when the same
// call succeeds again. Shown on /readyz (detail, without failing readiness: the webhook must keep answering) and on
// /metrics (m365_config_problem), so one wrong setting is one alert instead of a dead letter per card.
export interface Problem {
  key: string;
  code: string;
  message: string;
  since: string;
}

export class Problems {
  private readonly byKey = new Map<string, Problem>();

  /** Returns true when this is new (or its code changed), so the caller logs it once rather than per row. */
  set(key: string, code: string, message: string, now: Date): boolean {
    const old = this.byKey.get(key);
    if (old && old.code === code) return false;
    this.byKey.set(key, { key, code, message, since: now.toISOString() });
    return true;
  }

  clear(key: string): boolean {
    return this.byKey.delete(key);
  }

  get(key: string): Problem | undefined {
    return this.byKey.get(key);
  }

  list(): Problem[] {
    return [...this.byKey.values()];
  }
}
