import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for secrets (webhook URLs, OAuth tokens, API keys): AES-256-GCM with a key
 * derived from the configured secret, a fresh nonce per value, and the version in front so the
 * scheme can change later. Stored form: `v2.<nonce>.<tag>.<ciphertext>` in base64url. The column
 * a value belongs to is its associated data, so a value copied into another column does not open
 * there; the 16-byte tag is required whole. A value altered in the database, or read with another
 * key, fails to open instead of yielding garbage.
 */
const version = 'v2';
/** Sealed before values were bound to their column; opened only to be sealed again (lib/security/reseal-secrets.ts). */
const legacyVersion = 'v1';
const tagBytes = 16;

/** Every column that holds a sealed value: the name is bound into the value. */
export const sealedColumns = [
  'portal_connection.sealedWebhookUrl',
  'portal_connection.sealedAccessToken',
  'portal_connection.sealedRefreshToken',
  'portal_connection.sealedApplicationToken',
  'portal_connection.sealedAppClientSecret',
  'copilot_settings.sealedProviderSecret',
] as const;
export type SealedColumn = (typeof sealedColumns)[number];

function keyFrom(secret: string): Buffer {
  if (secret.length < 32) throw new Error('The encryption key must be at least 32 characters.');
  return createHash('sha256').update(`flowpilot:secret-box:${secret}`).digest();
}

export type SecretBox = {
  seal: (plain: string, column: SealedColumn) => string;
  open: (sealed: string, column: SealedColumn) => string;
  /** Whether a stored value predates column binding and should be sealed again. */
  isLegacy: (sealed: string) => boolean;
  /** Opens a value sealed before column binding; only for sealing it again. */
  openLegacy: (sealed: string) => string;
};

const unopenable = () =>
  new Error('A stored secret cannot be opened: it was changed, or ENCRYPTION_KEY is not the key it was sealed with.');

export function secretBox(secret: string): SecretBox {
  const key = keyFrom(secret);

  function decrypt(sealed: string, expectedVersion: string, column: string | null): string {
    const [tag, nonce, authTag, body] = sealed.split('.');
    if (tag !== expectedVersion || !nonce || !authTag || body === undefined) throw new Error('Not a sealed secret.');
    const authTagBytes = Buffer.from(authTag, 'base64url');
    if (authTagBytes.length !== tagBytes) throw unopenable();
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), { authTagLength: tagBytes });
    decipher.setAuthTag(authTagBytes);
    if (column !== null) decipher.setAAD(Buffer.from(column, 'utf8'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw unopenable();
    }
  }

  return {
    seal(plain, column) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(column, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, nonce, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open: (sealed, column) => decrypt(sealed, version, column),
    isLegacy: (sealed) => sealed.startsWith(`${legacyVersion}.`),
    openLegacy: (sealed) => decrypt(sealed, legacyVersion, null),
  };
}
