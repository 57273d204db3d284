import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { failureReasons } from '@/lib/ai/model-errors';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';

/** Every reason a model Test can fail for has its text in both languages, as the Settings form renders it. */
const values = {
  status: 502,
  host: 'models.example.com',
  range: '169.254.0.0/16',
  rangeKind: 'link_local',
  location: 'https://api.example.com',
};

describe('model Test reasons', () => {
  for (const [locale, messages] of [
    ['en', en],
    ['ru', ru],
  ] as const) {
    it(`words every reason in ${locale}`, () => {
      const t = createTranslator({
        locale,
        messages,
        namespace: 'copilot.model.reasons',
        onError: (error) => {
          throw error;
        },
      });
      for (const reason of failureReasons) expect(t(reason, values), reason).not.toMatch(/\{|copilot\.model/);
    });
  }

  it('names the refused range and where a redirect pointed', () => {
    const t = createTranslator({ locale: 'en', messages: en, namespace: 'copilot.model.reasons' });
    expect(t('refused_address', values)).toBe(
      'Addresses in 169.254.0.0/16 (link-local, cloud metadata) are not allowed, and models.example.com leads there.',
    );
    expect(t('refused_address', { ...values, range: 'fd00:ec2::254', rangeKind: 'metadata' })).toContain(
      'fd00:ec2::254 (cloud metadata)',
    );
    expect(t('redirect', values)).toBe(
      'The server answered with a redirect to https://api.example.com; use the final address.',
    );
    const ruT = createTranslator({ locale: 'ru', messages: ru, namespace: 'copilot.model.reasons' });
    expect(ruT('refused_address', { ...values, range: '0.0.0.0/8', rangeKind: 'unspecified' })).toContain(
      '0.0.0.0/8 (неопределённый адрес)',
    );
  });
});
