/**
 * Access tokens a provider issues, kept per key until `renewMarginMs` before they expire, so calls
 * reuse one and a new one is asked for in time.
 */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly renewMarginMs: number) {}

  /** The kept token, unless it expires within the margin. */
  valid(key: string): string | null {
    const kept = this.tokens.get(key);
    return kept && kept.expiresAt - this.renewMarginMs > Date.now() ? kept.token : null;
  }

  keep(key: string, token: string, expiresAt: number): string {
    this.tokens.set(key, { token, expiresAt });
    return token;
  }
}
