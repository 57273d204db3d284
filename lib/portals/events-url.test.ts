import { describe, expect, it } from 'vitest';
import { eventsHandlerUrl } from './events-url';

describe('eventsHandlerUrl', () => {
  it('uses APP_URL when set', () => {
    expect(eventsHandlerUrl('https://flowpilot.example.com/', new Headers({ host: 'internal:3000' }))).toBe(
      'https://flowpilot.example.com/api/bitrix24/events',
    );
  });

  it('otherwise follows the address the page was opened at, through a proxy too', () => {
    expect(eventsHandlerUrl(undefined, new Headers({ host: '127.0.0.1:3000' }))).toBe(
      'http://127.0.0.1:3000/api/bitrix24/events',
    );
    expect(
      eventsHandlerUrl(
        undefined,
        new Headers({
          host: 'internal:3000',
          'x-forwarded-host': 'fp.example.com, proxy',
          'x-forwarded-proto': 'https',
        }),
      ),
    ).toBe('https://fp.example.com/api/bitrix24/events');
  });
});
