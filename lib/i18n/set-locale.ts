'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { locales, localeCookie } from './locales';

const input = z.object({ locale: z.enum(locales) });

/**
 * Remembers the interface language for this browser. Public on purpose: the signed-out landing
 * page has the switch too, and the cookie holds nothing but the language.
 */
export async function setLocale(formData: FormData): Promise<void> {
  const parsed = input.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  (await cookies()).set(localeCookie, parsed.data.locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
  });
}
