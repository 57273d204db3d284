import { randomBytes } from 'node:crypto';

/**
 * The demo portal's OAuth bookkeeping, with Bitrix24's lifetimes (docs/bitrix24.md, "Tokens"): codes live
 * 30 s and work once, access tokens 1 h, refresh tokens 180 days and are replaced on every
 * refresh.
 */
/** `scopes`: what the admin ticked on the app's form (every scope when not said). */
export type OAuthApp = { clientId: string; clientSecret: string; redirectUri: string; scopes?: string[] };

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
  refresh(
    clientId: string,
    refreshToken: string,
  ): { accessToken: string; refreshToken: string; userId: number } | null {
    const grant = this.refreshTokens.get(refreshToken);
    this.refreshTokens.delete(refreshToken);
    if (!grant || grant.clientId !== clientId || grant.expiresAt <= this.now()) return null;
    return { ...this.issueTokens(clientId, grant.userId), userId: grant.userId };
  }

  /** Who an access token belongs to, or why it is refused; `lifetimeMs` shortens Bitrix24's hour (a test switch). */
  checkAccessToken(
    token: string,
    lifetimeMs: number | null = null,
  ): { userId: number; clientId: string } | 'expired' | 'invalid' {
    const grant = this.accessTokens.get(token);
    if (!grant) return 'invalid';
    const expiresAt = lifetimeMs === null ? grant.expiresAt : grant.expiresAt - oauthLifetimes.accessMs + lifetimeMs;
    if (expiresAt <= this.now()) return 'expired';
    return { userId: grant.userId, clientId: grant.clientId };
  }

  /** A local application saved on the portal: known from now on, with a first token pair for the admin who saved it. */
  install(app: OAuthApp, userId: number): { accessToken: string; refreshToken: string } {
    this.apps.push(app);
    return this.issueTokens(app.clientId, userId);
  }

  /** Deleting the app revokes every token it had (b24restdocs `api-reference/common/events/on-app-uninstall.md`). */
  uninstall(clientId: string): boolean {
    const index = this.apps.findIndex((app) => app.clientId === clientId);
    if (index < 0) return false;
    this.apps.splice(index, 1);
    for (const grants of [this.codes, this.accessTokens, this.refreshTokens]) {
      for (const [token, grant] of grants) if (grant.clientId === clientId) grants.delete(token);
    }
    return true;
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
