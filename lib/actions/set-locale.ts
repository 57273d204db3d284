'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { publicAction } from '@/lib/auth/guards';
import { getViewer } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { locales, localeCookie } from '@/lib/i18n/locales';

/**
 * Remembers the interface language for this browser, and for a signed-in person also on their
 * account: alerts to their Bitrix24 employee use it. Public: the signed-out pages have the switch too.
 */
export const setLocale = publicAction(z.object({ locale: z.enum(locales) }), async ({ locale }) => {
  (await cookies()).set(localeCookie, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  const viewer = await getViewer();
  if (viewer) await db().user.update({ where: { id: viewer.id }, data: { locale } });
});
