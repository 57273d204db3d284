import { env } from '@/lib/env';

/**
 * The key that signs session tokens. `npm start` generates one on first run and keeps it in the
 * data folder (lib/launcher/generated-secrets.ts); deployments with several instances set AUTH_SECRET.
 */
export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set. Start Flowpilot with `npm start`, which provides one.');
  return secret;
}
