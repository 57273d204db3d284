import { describe, expect, it } from 'vitest';
import { renderWithIntl } from './render-with-intl';
import { useChartFormat, type ChartFormat } from './use-chart-format';
import { dayMs } from '@/lib/time/durations';

/** Runs `read` with the hook's formatter in a locale and returns what it gave, NBSPs as plain spaces. */
function formatted(locale: 'en' | 'ru', read: (format: ChartFormat) => string): string {
  function Probe() {
    return <>{read(useChartFormat())}</>;
  }
  return renderWithIntl(locale, <Probe />)
    .replaceAll('\u00a0', ' ')
    .replaceAll('&#x27;', "'");
}

const hour = dayMs / 24;

describe('useChartFormat', () => {
  it('writes efficiency as a percent of a whole number', () => {
    expect(formatted('en', (format) => format.percent(87))).toBe('87%');
    expect(formatted('ru', (format) => format.percent(87))).toBe('87 %');
    expect(formatted('ru', (format) => format.percentRange(60, 69))).toBe('60–69 %');
  });

  it('picks days from 2 days up, hours from 2 hours, minutes below', () => {
    expect(formatted('en', (format) => format.duration(3.2 * dayMs))).toBe('3.2 days');
    expect(formatted('ru', (format) => format.duration(3.2 * dayMs))).toBe('3,2 дня');
    expect(formatted('en', (format) => format.duration(2 * dayMs - 1))).toBe('48 hours');
    expect(formatted('ru', (format) => format.duration(5.5 * hour))).toBe('5,5 часа');
    expect(formatted('en', (format) => format.duration(2 * hour - 60_000))).toBe('119 minutes');
    expect(formatted('ru', (format) => format.duration(45 * 60_000))).toBe('45 минут');
  });

  it('keeps portal days on their own date whatever the reader’s zone', () => {
    // The provider's zone is Los Angeles: a UTC midnight read there would fall on the day before.
    expect(formatted('en', (format) => format.day('2026-05-12'))).toBe('May 12, 2026');
    expect(formatted('ru', (format) => format.dayShort('2026-01-01'))).toBe('1 янв.');
    expect(formatted('en', (format) => format.week('2026-05-11'))).toBe('Week of May 11');
    expect(formatted('ru', (format) => format.week('2026-05-11'))).toBe('Неделя с 11 мая');
  });

  it('shows timestamps on the portal’s clock, half-hour offsets included', () => {
    expect(formatted('ru', (format) => format.portalTime('2026-05-12T21:30:00Z', '+03:00'))).toBe(
      '13 мая 2026 г., 00:30',
    );
    expect(formatted('en', (format) => format.portalTime('2026-05-12T09:30:00Z', '+05:30'))).toBe(
      'May 12, 2026, 3:00 PM',
    );
    expect(formatted('en', (format) => format.portalTime('2026-05-12T02:00:00+03:00', '-04:00'))).toBe(
      'May 11, 2026, 7:00 PM',
    );
  });

  it('captions a window in both languages', () => {
    const window = { from: '2026-04-13', to: '2026-05-12', days: 30, timeZoneOffset: '+03:00' };
    expect(formatted('en', (format) => format.windowCaption(window))).toBe('Last 30 days · portal time UTC+03:00');
    expect(formatted('ru', (format) => format.windowCaption(window))).toBe(
      'Последние 30 дней · время портала UTC+03:00',
    );
    expect(formatted('ru', (format) => format.windowCaption({ ...window, days: 1 }))).toBe(
      'Последний 1 день · время портала UTC+03:00',
    );
  });
});
