import { describe, expect, it } from 'vitest';
import { ChartCard, chartCsv } from './chart-card';
import { ChartDataTable, type ChartTableData } from './chart-data-table';
import { ChartSkeleton } from './chart-skeleton';
import { renderWithIntl } from './render-with-intl';

/*
 * The project's component tests render static markup (no DOM), so these check each state a click
 * leads to by rendering it: the chart view a card opens with, its table view, the empty state, and
 * the CSV the download button builds from the same table.
 */

const table: ChartTableData = {
  columns: [
    { key: 'title', header: 'Title' },
    { key: 'lead', header: 'Lead time, days', numeric: true, format: (value) => `${value} d` },
    { key: 'share', header: 'Share', numeric: true },
  ],
  rows: [
    { title: '=SUM(A1:A3)', lead: 3.25, share: -4 },
    { title: 'Счёт, "срочно"', lead: null, share: 1200.5 },
  ],
};

function card(props: Partial<Parameters<typeof ChartCard>[0]> = {}, locale: 'en' | 'ru' = 'en') {
  return renderWithIntl(
    locale,
    <ChartCard
      title="Efficiency by day"
      caption="Last 30 days · portal time UTC+03:00"
      table={table}
      csvFileName="flow-efficiency.csv"
      {...props}
    >
      <svg data-testid="chart" />
    </ChartCard>,
  );
}

describe('ChartCard', () => {
  it('opens on the chart, named for screen readers and pointing to the table view', () => {
    const html = card();
    const titleId = /<section aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(titleId).toBeTruthy();
    expect(html).toContain(`<h2 id="${titleId}" class="text-base font-semibold text-slate-900">Efficiency by day</h2>`);
    expect(html).toContain('Last 30 days · portal time UTC+03:00');
    expect(html).toMatch(
      /<div role="group" aria-label="View"[^>]*><button type="button" aria-pressed="true"[^>]*>Chart<\/button><button type="button" aria-pressed="false"[^>]*>Table<\/button><\/div>/,
    );
    expect(html).toContain(
      '<div role="img" aria-label="Efficiency by day: chart. The same figures are in the table view."><svg data-testid="chart"></svg></div>',
    );
    expect(html).toMatch(/<button type="button" class="[^"]*">Download CSV<\/button>/);
    expect(html).not.toContain('<table');
  });

  it('speaks Russian and takes a lower heading level', () => {
    const html = card({ headingLevel: 3, description: 'Пояснение' }, 'ru');
    expect(html).toMatch(/<h3 id="[^"]+"[^>]*>Efficiency by day<\/h3>/);
    expect(html).toContain('>Диаграмма</button>');
    expect(html).toContain('>Таблица</button>');
    expect(html).toContain('>Скачать CSV</button>');
    expect(html).toContain('Пояснение');
  });

  it('shows what to do instead of an empty chart, with the CSV download off', () => {
    const html = card({ empty: { title: 'No daily figures yet', body: 'Run a full sync under Settings.' } });
    expect(html).toContain('No daily figures yet');
    expect(html).toContain('Run a full sync under Settings.');
    expect(html).not.toContain('role="img"');
    expect(html).not.toContain('aria-pressed');
    expect(html).not.toContain('data-testid="chart"');
    expect(html).toMatch(/<button type="button" disabled=""[^>]*>Download CSV<\/button>/);
  });

  it('leaves a chart that is itself a table readable as it is', () => {
    const html = card({ chartIsTable: true });
    expect(html).toContain('<svg data-testid="chart"></svg>');
    expect(html).not.toContain('role="img"');
    expect(html).not.toContain('aria-pressed');
  });
});

describe('ChartDataTable (the Table view)', () => {
  it('is a real table: caption, column headers, row headers, numbers on the right', () => {
    const html = renderWithIntl('en', <ChartDataTable caption="Lead time, Last 30 days" table={table} />);
    expect(html).toMatch(
      /^<div role="region" aria-label="Lead time, Last 30 days" tabindex="0" class="[^"]*overflow-auto/,
    );
    expect(html).toContain('<caption class="sr-only">Lead time, Last 30 days</caption>');
    expect(html).toMatch(
      /<th scope="col" class="[^"]*">Title<\/th><th scope="col" class="[^"]*text-right">Lead time, days<\/th>/,
    );
    expect(html).toMatch(
      /<th scope="row" class="[^"]*">=SUM\(A1:A3\)<\/th><td class="[^"]*text-right tabular-nums[^"]*">3.25 d<\/td><td[^>]*>-4<\/td>/,
    );
    // Empty values show a dash; numbers without a formatter follow the locale.
    expect(html).toMatch(/<td[^>]*>—<\/td><td[^>]*>1,200.5<\/td>/);
    expect(renderWithIntl('ru', <ChartDataTable caption="x" table={table} />).replaceAll('\u00a0', ' ')).toContain(
      '>1 200,5</td>',
    );
  });
});

describe('chartCsv (the Download CSV button)', () => {
  it('writes the raw values under the table headers, not the formatted ones', () => {
    expect(chartCsv(table)).toBe(
      `\uFEFFTitle,"Lead time, days",Share\r\n'=SUM(A1:A3),3.25,-4\r\n"Счёт, ""срочно""",,1200.5\r\n`,
    );
  });
});

describe('ChartSkeleton', () => {
  it('is busy and says so to screen readers', () => {
    expect(renderWithIntl('en', <ChartSkeleton />)).toMatch(
      /^<div aria-busy="true"[^>]*><span class="sr-only">Loading…<\/span>/,
    );
    expect(renderWithIntl('ru', <ChartSkeleton height={120} />)).toContain('<span class="sr-only">Загрузка…</span>');
  });
});
