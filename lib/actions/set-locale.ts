'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { publicAction } from '@/lib/auth/guards';
import { locales, localeCookie } from '@/lib/i18n/locales';

/** Remembers the interface language for this browser. Public: the signed-out pages have the switch too. */
export const setLocale = publicAction(z.object({ locale: z.enum(locales) }), async ({ locale }) => {
  (await cookies()).set(localeCookie, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
});
