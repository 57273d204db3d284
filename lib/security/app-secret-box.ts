import { env } from '@/lib/env';
import { secretBox, type SecretBox } from './secret-box';

let cached: SecretBox | undefined;

/** The secret box of this app process, keyed by ENCRYPTION_KEY (the launcher passes a generated one when unset). */
export function appSecretBox(): SecretBox {
  if (!cached) {
    const key = env().ENCRYPTION_KEY;
    if (!key)
      throw new Error(
        'ENCRYPTION_KEY is not set. Start Flowpilot with `npm start`, which provides one, or set it (see .env.example).',
      );
    cached = secretBox(key);
  }
  return cached;
}
