import { randomBytes } from 'node:crypto';

/**
 * The demo portal's OAuth bookkeeping, with Bitrix24's lifetimes (reference §1.3): codes live
 * 30 s and work once, access tokens 1 h, refresh tokens 180 days and are replaced on every
 * refresh.
 */
export type OAuthApp = { clientId: string; clientSecret: string; redirectUri: string };

export const oauthLifetimes = { codeMs: 30_000, accessMs: 3_600_000, refreshMs: 180 * 86_400_000 };

type Grant = { clientId: string; userId: number; expiresAt: number };

export class OAuthState {
  private readonly codes = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();

  constructor(
    readonly apps: OAuthApp[],
    private readonly now: () => number = Date.now,
  ) {}

  app(clientId: string): OAuthApp | undefined {
    return this.apps.find((app) => app.clientId === clientId);
  }

  issueCode(clientId: string, userId: number): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { clientId, userId, expiresAt: this.now() + oauthLifetimes.codeMs });
    return code;
  }

  /** Exchanges a code (once) for a token pair; null when unknown, used, expired or for another app. */
  redeemCode(clientId: string, code: string): { accessToken: string; refreshToken: string; userId: number } | null {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.clientId !== clientId || grant.expiresAt <= this.now()) return null;
    return { ...this.issueTokens(clientId, grant.userId), userId: grant.userId };
  }

  /** A new pair for a refresh token, which stops working; null when unknown or expired. */
  refresh(clientId: string, refreshToken: string): { accessToken: string; refreshToken: string; userId: number } | null {
    const grant = this.refreshTokens.get(refreshToken);
    this.refreshTokens.delete(refreshToken);
    if (!grant || grant.clientId !== clientId || grant.expiresAt <= this.now()) return null;
    return { ...this.issueTokens(clientId, grant.userId), userId: grant.userId };
  }

  /** Who an access token belongs to, or why it is refused; `lifetimeMs` shortens Bitrix24's hour (a test switch). */
  checkAccessToken(token: string, lifetimeMs: number | null = null): { userId: number; clientId: string } | 'expired' | 'invalid' {
    const grant = this.accessTokens.get(token);
    if (!grant) return 'invalid';
    const expiresAt = lifetimeMs === null ? grant.expiresAt : grant.expiresAt - oauthLifetimes.accessMs + lifetimeMs;
    if (expiresAt <= this.now()) return 'expired';
    return { userId: grant.userId, clientId: grant.clientId };
  }

  private issueTokens(clientId: string, userId: number) {
    const accessToken = randomBytes(20).toString('hex');
    const refreshToken = randomBytes(20).toString('hex');
    const now = this.now();
    this.accessTokens.set(accessToken, { clientId, userId, expiresAt: now + oauthLifetimes.accessMs });
    this.refreshTokens.set(refreshToken, { clientId, userId, expiresAt: now + oauthLifetimes.refreshMs });
    return { accessToken, refreshToken };
  }
}
