'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useRef } from 'react';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { EfficiencySparkline } from '@/components/charts/efficiency-sparkline';
import { PersonName } from '@/components/people/person-avatar';
import { fetchFlowsList } from '@/lib/dashboards/dashboard-fetch';
import type { FlowListRow, FlowsListPage } from '@/lib/dashboards/dashboard-types';
import {
  defaultFlowListFilters,
  flowListPageSize,
  outlookSorts,
  type FlowSortKey,
} from '@/lib/dashboards/flow-list-filters';
import { furthestHorizon } from '@/lib/metrics/forecast-horizons';
import { likelyLateRisk } from '@/lib/metrics/likely-late';
import { dashboardKeys } from '@/lib/query/keys';
import { CopilotButton } from '@/components/copilot/copilot-button';
import { EfficiencyFigure } from './efficiency-figure';
import { useFlowListAddress } from './use-flow-list-address';

const pageButton =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-50';
const selectStyle =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600';

/**
 * The flows list: search, filters, sort and page kept in the address (useFlowListAddress) and
 * applied on the server, which sends one page of rows; TanStack Query fetches each view and
 * refetches when a sync finishes. The server rendered the first paint.
 */
export function FlowsListView({
  initial,
  initialView,
  copilot,
}: {
  initial: FlowsListPage;
  initialView: string;
  copilot: boolean;
}) {
  const t = useTranslations('flows');
  const format = useChartFormat();
  const searchBox = useRef<HTMLInputElement>(null);
  const { view, filters, query, setQuery, setFilters, sortBy, filtered } = useFlowListAddress();
  const { data, isError, isFetching } = useQuery({
    queryKey: dashboardKeys.flows(view),
    queryFn: ({ signal }) => fetchFlowsList(view, signal),
    initialData: view === initialView ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const list = data ?? initial;
  const { rows: pageRows, page, pageCount } = list;

  const aheadNoteId = useId();
  const sortHeader = (key: FlowSortKey, label: string, numeric = true) => (
    <th
      scope="col"
      aria-sort={filters.sort === key ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}
      className={`px-3 py-2 font-semibold ${numeric ? 'text-right' : ''}`}
    >
      <button
        type="button"
        onClick={() => sortBy(key)}
        // The estimates' columns point to the note that says what they are.
        aria-describedby={outlookSorts.includes(key) ? aheadNoteId : undefined}
        className="inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {label}
        <span aria-hidden="true">{filters.sort === key ? (filters.order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        {t('window', {
          from: format.day(list.window.from),
          to: format.day(list.window.to),
          offset: list.window.timeZoneOffset,
        })}
      </p>
      <form
        role="search"
        aria-label={t('filters.label')}
        onSubmit={(event) => event.preventDefault()}
        className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
      >
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
          {t('filters.search')}
          <input
            ref={searchBox}
            type="search"
            maxLength={200}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t('filters.searchPlaceholder')}
            className={selectStyle}
          />
        </label>
        <FilterSelect
          label={t('filters.health')}
          value={filters.health}
          options={(['all', 'healthy', 'watch', 'critical'] as const).map((value) => ({
            value,
            label: t(`health.${value}`),
          }))}
          onChange={(health) => setFilters({ health })}
        />
        <FilterSelect
          label={t('filters.distribution')}
          value={filters.distribution}
          options={(['all', 'queue', 'manually', 'himself'] as const).map((value) => ({
            value,
            label: t(`distribution.${value}`),
          }))}
          onChange={(distribution) => setFilters({ distribution })}
        />
        <FilterSelect
          label={t('filters.owner')}
          value={filters.owner}
          options={[
            { value: 'all', label: t('filters.anyOwner') },
            ...list.owners.map((owner) => ({ value: String(owner.bitrixUserId), label: owner.name })),
          ]}
          onChange={(owner) => setFilters({ owner })}
        />
        <FilterSelect
          label={t('filters.state')}
          value={filters.active}
          options={(['all', 'active', 'inactive'] as const).map((value) => ({ value, label: t(`states.${value}`) }))}
          onChange={(active) => setFilters({ active })}
        />
        {filtered && (
          <button
            type="button"
            onClick={() => {
              setQuery('');
              setFilters({ ...defaultFlowListFilters, sort: filters.sort, order: filters.order });
              // The button goes away with the filters; keep the keyboard's place in the form.
              searchBox.current?.focus();
            }}
            className="rounded-md px-2 py-1.5 text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {t('filters.clear')}
          </button>
        )}
      </form>

      <p role="status" className="text-sm text-slate-600">
        {list.matching > 0 &&
          t('shown', {
            from: (page - 1) * flowListPageSize + 1,
            to: (page - 1) * flowListPageSize + pageRows.length,
            count: list.matching,
          })}
        {list.matching < list.total && <span className="ml-1">{t('inAll', { total: list.total })}</span>}
        {isFetching && <span className="ml-2">{t('refreshing')}</span>}
        {isError && <span className="ml-2 text-red-700">{t('refreshFailed')}</span>}
      </p>

      <p id={aheadNoteId} className="text-xs text-slate-600">
        {t('aheadNote', { threshold: format.percent(100 * likelyLateRisk), days: furthestHorizon })}
      </p>

      {pageRows.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
          <p className="font-semibold text-slate-900">{t('noMatchTitle')}</p>
          <p className="mt-1 text-sm text-slate-600">{t('noMatchBody')}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{t('tableCaption')}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                {sortHeader('name', t('columns.name'), false)}
                <th scope="col" className="hidden px-3 py-2 font-semibold uppercase tracking-wide lg:table-cell">
                  {t('columns.owner')}
                </th>
                {sortHeader('pending', t('columns.pending'))}
                {sortHeader('inProgress', t('columns.inProgress'))}
                {sortHeader('completed', t('columns.completed'))}
                {sortHeader('likelyLate', t('columns.likelyLate'))}
                {sortHeader('efficiency', t('columns.efficiency'))}
                {sortHeader('forecastDrop', t('columns.forecast', { days: furthestHorizon }))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {pageRows.map((row) => (
                <FlowRow key={row.id} row={row} copilot={copilot} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <nav aria-label={t('pages.label')} className="flex items-center justify-between gap-3 text-sm">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setFilters({ page: page - 1 })}
            className={pageButton}
          >
            ← {t('pages.previous')}
          </button>
          <span className="text-slate-700">{t('pages.position', { page, count: pageCount })}</span>
          <button
            type="button"
            disabled={page >= pageCount}
            onClick={() => setFilters({ page: page + 1 })}
            className={pageButton}
          >
            {t('pages.next')} →
          </button>
        </nav>
      )}
    </div>
  );
}

/** One labelled filter; the value handed back is one of the options', so no cast is needed. */
function FilterSelect<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
      {label}
      <select
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
        className={selectStyle}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function FlowRow({ row, copilot }: { row: FlowListRow; copilot: boolean }) {
  const t = useTranslations('flows');
  const format = useChartFormat();
  const wait = (ms: number | null) => (ms === null ? null : format.duration(ms));
  return (
    <tr className="align-top">
      <th scope="row" className="px-3 py-3 font-medium">
        <Link
          href={`/flows/${row.id}`}
          className="text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {row.name}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-normal text-slate-600">
          <span className={row.active ? 'text-emerald-800' : 'text-slate-600'}>
            {row.active ? t('active') : t('inactive')}
          </span>
          <span aria-hidden="true">·</span>
          <span>{t(`distribution.${row.distributionType}`)}</span>
          <span aria-hidden="true">·</span>
          <a
            href={row.bitrixUrl}
            target="_blank"
            rel="noreferrer"
            className="text-brand-700 underline-offset-2 hover:underline"
          >
            {t('openInBitrix24')}
            <span className="sr-only"> ({row.name})</span>
          </a>
        </div>
        {/* Narrow screens have no owner column: the owner goes under the name. */}
        {row.owner && (
          <div className="mt-1 text-xs font-normal text-slate-700 lg:hidden">
            {t('ownerIs', { name: row.owner.name })}
          </div>
        )}
      </th>
      <td className="hidden px-3 py-3 text-slate-800 lg:table-cell">
        {row.owner ? <PersonName person={row.owner} /> : <span className="text-slate-600">{t('noOwner')}</span>}
        {row.moderators.length > 0 && (
          <div className="mt-1 text-xs text-slate-600">
            {t('moderators', { names: row.moderators.map((person) => person.name).join(', ') })}
          </div>
        )}
      </td>
      <td className="px-3 py-3 text-right tabular-nums">
        <div data-figure="pending" className="font-semibold text-slate-900">
          {format.count(row.pending.count)}
        </div>
        {wait(row.pending.medianWaitMs) && (
          <div className="text-xs text-slate-600">{t('medianWait', { time: wait(row.pending.medianWaitMs)! })}</div>
        )}
      </td>
      <td className="px-3 py-3 text-right tabular-nums">
        <div data-figure="in-progress" className="font-semibold text-slate-900">
          {format.count(row.inProgress.count)}
        </div>
        {wait(row.inProgress.medianMs) && (
          <div className="text-xs text-slate-600">
            {t('medianInProgress', { time: wait(row.inProgress.medianMs)! })}
          </div>
        )}
      </td>
      <td data-figure="completed" className="px-3 py-3 text-right font-semibold tabular-nums text-slate-900">
        {format.count(row.completed)}
      </td>
      <td data-figure="likely-late" className="px-3 py-3 text-right font-semibold tabular-nums text-slate-900">
        {row.likelyLate === null ? t('noValue') : format.count(row.likelyLate)}
      </td>
      <td className="px-3 py-3">
        <div className="flex items-center justify-end gap-3">
          <span className="hidden md:inline-block">
            <EfficiencySparkline data={row.efficiency.sparkline} />
          </span>
          <EfficiencyFigure efficiency={row.efficiency} />
        </div>
        {row.overdue > 0 && (
          <div className="mt-1 text-right text-xs font-medium text-red-700">
            {t('overdueOpen', { count: row.overdue })}
          </div>
        )}
        {copilot && (
          <div className="mt-1.5 flex justify-end">
            <CopilotButton flowId={row.id} flowName={row.name} />
          </div>
        )}
      </td>
      <td className="px-3 py-3 text-right tabular-nums">
        <ForecastCell forecast={row.forecast} />
      </td>
    </tr>
  );
}

/** The forecast's change from today's figure ("▼ −8 pts"), and where it ends ("to 64 %"). */
function ForecastCell({ forecast }: { forecast: FlowListRow['forecast'] }) {
  const t = useTranslations('flows');
  const format = useChartFormat();
  if (forecast === null) return <span className="text-slate-600">{t('noValue')}</span>;
  const drop = forecast.drop;
  return (
    <>
      {drop !== null && (
        <div data-figure="forecast-drop" className={`font-semibold ${drop > 0 ? 'text-red-700' : 'text-slate-900'}`}>
          {t('forecastChange', { sign: drop > 0 ? 'down' : drop < 0 ? 'up' : 'none', points: Math.abs(drop) })}
        </div>
      )}
      <div className="text-xs text-slate-600">
        {t('forecastTo', { value: format.percent(forecast.points.at(-1)!.median) })}
      </div>
    </>
  );
}
