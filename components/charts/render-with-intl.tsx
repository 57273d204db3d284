import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';

/**
 * Static markup of a chart component in one language, for the charts' tests. The zone is far from
 * UTC on purpose: portal days and portal times must not follow the reader's zone. Missing messages throw.
 */
export function renderWithIntl(locale: 'en' | 'ru', node: ReactNode): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider
      locale={locale}
      timeZone="America/Los_Angeles"
      messages={locale === 'en' ? en : ru}
      onError={(error) => {
        throw error;
      }}
    >
      {node}
    </NextIntlClientProvider>,
  );
}
