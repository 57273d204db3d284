import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { workCalendarOf } from './calendar-settings';

describe('workCalendarOf', () => {
  it('reads hours with minutes, a Friday–Saturday week end and holidays as the tasks module does', () => {
    expect(
      workCalendarOf({
        work_time_start: '8.30',
        work_time_end: 17,
        year_holidays: ' 4.11, 31.12,garbage,0.5,12.13',
        week_holidays: ['fr', 'SA'],
      }),
    ).toEqual({ daysOff: [5, 6], holidays: ['11-04', '12-31'], workStart: 510, workEnd: 1020, source: 'portal' });
  });

  it('keeps no days off when the portal lists none, and falls back when it lists all seven or says nothing', () => {
    expect(workCalendarOf({ week_holidays: [] }).daysOff).toEqual([]);
    expect(workCalendarOf({ week_holidays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] }).daysOff).toEqual([0, 6]);
    expect(workCalendarOf({})).toEqual({ ...defaultWorkCalendar, source: 'portal' });
  });

  it('keeps the default hours for hours it cannot read or that end before they start', () => {
    expect(workCalendarOf({ work_time_start: 'nine', work_time_end: '25' })).toMatchObject({
      workStart: 540,
      workEnd: 1140,
    });
    expect(workCalendarOf({ work_time_start: '20', work_time_end: '19' })).toMatchObject({
      workStart: 540,
      workEnd: 1140,
    });
  });
});
