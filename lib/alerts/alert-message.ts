import { createTranslator } from 'next-intl';
import { bbcodeInert } from '@/lib/bitrix24/bbcode';
import type { Locale } from '@/lib/i18n/locales';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';
import type { HoldingCondition } from './alert-conditions';

const catalogs = { en, ru } as const;

/**
 * The notification's text in the recipient's language, with a link to the flow in Flowpilot
 * (Bitrix24 renders BBCode in notifications: docs/alerts.md, "Delivery"). Names and titles from the
 * portal are quoted inert, so a title cannot add a link of its own.
 */
export function alertMessage(
  locale: Locale,
  condition: Pick<HoldingCondition, 'kind' | 'value' | 'task'>,
  context: { flowName: string; threshold: number; flowUrl: string },
): string {
  const t = translator(locale);
  const values = {
    flow: bbcodeInert(context.flowName),
    value: condition.value,
    threshold: context.threshold,
    task: bbcodeInert(condition.task?.title ?? ''),
  };
  return `${t(condition.kind, values)} ${flowLink(t, context.flowUrl)}`;
}

/** The test an admin or lead sends themselves: that alerts reach them, with the same link. */
export function testAlertMessage(locale: Locale, context: { flowName: string; flowUrl: string }): string {
  const t = translator(locale);
  return `${t('test', { flow: bbcodeInert(context.flowName) })} ${flowLink(t, context.flowUrl)}`;
}

function translator(locale: Locale) {
  return createTranslator({ locale, messages: catalogs[locale], namespace: 'alerts.notification' });
}

function flowLink(t: ReturnType<typeof translator>, flowUrl: string): string {
  return `[URL=${flowUrl}]${t('open')}[/URL]`;
}
