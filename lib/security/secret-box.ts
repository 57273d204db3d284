import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for secrets (webhook URLs, OAuth tokens, API keys): AES-256-GCM with a key
 * derived from the configured secret, a fresh nonce per value, and the version in front so the
 * scheme can change later. Stored form: `v1.<nonce>.<tag>.<ciphertext>` in base64url. A value
 * altered in the database, or read with another key, fails to open instead of yielding garbage.
 */
const version = 'v1';

function keyFrom(secret: string): Buffer {
  if (secret.length < 32) throw new Error('The encryption key must be at least 32 characters.');
  return createHash('sha256').update(`flowpilot:secret-box:${secret}`).digest();
}

export type SecretBox = { seal: (plain: string) => string; open: (sealed: string) => string };

export function secretBox(secret: string): SecretBox {
  const key = keyFrom(secret);
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, nonce, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [tag, nonce, authTag, body] = sealed.split('.');
      if (tag !== version || !nonce || !authTag || body === undefined) throw new Error('Not a sealed secret.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('A stored secret cannot be opened: it was changed, or ENCRYPTION_KEY is not the key it was sealed with.');
      }
    },
  };
}
