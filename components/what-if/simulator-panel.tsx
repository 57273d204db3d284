'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { ActionStatus } from '@/components/actions/action-status';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import { simulateFlowAction } from '@/lib/actions/simulate-flow';
import { whatIfKeys } from '@/lib/query/keys';
import { leversMoved, type FlowLevers } from '@/lib/simulation/flow-levers';
import type { WhatIfModel } from '@/lib/simulation/flow-what-if';
import type { Band, Simulation } from '@/lib/simulation/simulate-flow';
import { SimulationChart } from './simulation-chart';
import { useWhatIfErrorText } from './use-what-if-error-text';

type LoadChoice = 'as-is' | 'spread' | 'cap';
type Form = {
  plannedHours: string;
  addPeople: string;
  removePeople: number[];
  load: LoadChoice;
  capPerson: string;
  capPercent: string;
  review: boolean;
  arrivalsPercent: string;
};

/** Refusals that concern one lever, shown beside it rather than under the form. */
const leverRefusals: Record<string, 'remove' | 'load' | 'review'> = {
  'remove-unknown-person': 'remove',
  'remove-everyone': 'remove',
  'cap-unknown-person': 'load',
  'cap-only-person': 'load',
  'no-review-history': 'review',
};

const fieldStyle =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm aria-invalid:border-red-600 disabled:bg-slate-100';

/** The levers a lead moves, as they stand in the form; only what differs from the flow today is sent. */
function leversOf(form: Form, model: WhatIfModel): FlowLevers {
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const levers: FlowLevers = {};
  if (form.plannedHours.trim() !== String(model.plannedHours)) levers.plannedHours = number(form.plannedHours);
  if (form.addPeople.trim() !== '0') levers.addPeople = number(form.addPeople);
  if (form.removePeople.length > 0) levers.removePeople = form.removePeople;
  if (form.load === 'spread') levers.load = { kind: 'spread' };
  if (form.load === 'cap')
    levers.load = { kind: 'cap', person: Number(form.capPerson), percent: number(form.capPercent) };
  if (form.review !== model.review) levers.review = form.review;
  if (form.arrivalsPercent.trim() !== '0') levers.arrivalsPercent = number(form.arrivalsPercent);
  return levers;
}

/**
 * The simulator: levers on the left, the next days simulated as the flow is and with the levers on
 * the right. It runs the flow as it is when it opens; every run is an estimate over many seeded runs.
 */
export function SimulatorPanel({
  flowId,
  model,
  canMove,
  suggestedPlannedHours,
  csvFileStem,
}: {
  flowId: string;
  model: WhatIfModel;
  canMove: boolean;
  suggestedPlannedHours: number | null;
  csvFileStem: string;
}) {
  const t = useTranslations('whatIf.simulator');
  const format = useFormatter();
  const id = useId();
  const errorText = useWhatIfErrorText();
  const runner = useActionRunner({ errorText });
  // The flow as it is, when the tab opens; a run with levers then shows beside it.
  const asItIs = useQuery({
    queryKey: whatIfKeys.asItIs(flowId),
    queryFn: async () => {
      const answer = await simulateFlowAction({ flowId, levers: {} });
      if (!answer.ok) throw new Error(errorText(answer));
      return answer.data;
    },
    staleTime: Infinity,
    retry: false,
  });
  const [withLevers, setWithLevers] = useState<Simulation | null>(null);
  const pending = runner.pending || asItIs.isFetching;
  const initial: Form = {
    plannedHours: String(model.plannedHours),
    addPeople: '0',
    removePeople: [],
    load: 'as-is',
    capPerson: String(model.people[0]?.bitrixUserId ?? ''),
    capPercent: '30',
    review: model.review,
    arrivalsPercent: '0',
  };
  const [form, setForm] = useState<Form>(initial);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));

  const simulate = (levers: FlowLevers) => {
    // No lever moved is the flow as it is, which is already on the screen.
    if (!leversMoved(levers)) {
      setWithLevers(null);
      runner.setMessage({ kind: 'ok', text: t('doneAsItIs') });
      return;
    }
    runner.run(
      () => simulateFlowAction({ flowId, levers }),
      (data) => {
        setWithLevers(data);
        return { kind: 'ok', text: t('doneWithLevers') };
      },
    );
  };

  const leverErrors = new Set(runner.fields.levers ?? []);
  const refusedAt =
    runner.message?.kind === 'error' && runner.message.code ? leverRefusals[runner.message.code] : undefined;
  const refusal = (section: 'remove' | 'load' | 'review'): ReactNode =>
    refusedAt === section ? (
      <p role="alert" className="mt-1 text-sm text-red-800">
        {runner.message?.text}
      </p>
    ) : null;
  const fieldError = (code: string): ReactNode =>
    leverErrors.has(code) ? (
      <p id={`${id}-${code}`} className="mt-1 text-sm text-red-800">
        {t(`leverErrors.${code}` as 'leverErrors.planned-hours')}
      </p>
    ) : null;
  const invalid = (code: string) => ({
    'aria-invalid': leverErrors.has(code) || undefined,
    'aria-describedby': leverErrors.has(code) ? `${id}-${code}` : undefined,
  });
  const hours = (value: number) =>
    format.number(value, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 });

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('description', { days: model.days })}</p>
      <p className="mt-1 text-xs text-slate-600">
        {t('basis', {
          runs: model.runs,
          days: model.days,
          learnDays: model.basis.learnDays,
          tasks: model.basis.tasks,
          weeks: model.basis.arrivalDays / 7,
          arrivals: model.basis.arrivals,
          open: model.basis.openTasks,
        })}
      </p>
      {!canMove && <p className="mt-3 text-sm text-slate-700">{t('readOnly')}</p>}

      <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <form
          noValidate
          aria-label={t('leversLabel')}
          onSubmit={(event) => {
            event.preventDefault();
            simulate(leversOf(form, model));
          }}
        >
          <fieldset disabled={!canMove || pending} className="space-y-4">
            <legend className="text-sm font-semibold text-slate-900">{t('levers')}</legend>
            <div>
              <label htmlFor={`${id}-planned`} className="text-sm font-medium text-slate-800">
                {t('plannedHours')}
              </label>
              <input
                id={`${id}-planned`}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={form.plannedHours}
                onChange={(event) => set('plannedHours', event.target.value)}
                className={fieldStyle}
                {...invalid('planned-hours')}
              />
              <p className="mt-1 text-xs text-slate-600">{t('plannedToday', { time: hours(model.plannedHours) })}</p>
              {suggestedPlannedHours !== null && suggestedPlannedHours !== model.plannedHours && (
                <button
                  type="button"
                  className="mt-1 text-sm font-medium text-brand-700 underline"
                  onClick={() => set('plannedHours', String(suggestedPlannedHours))}
                >
                  {t('useSuggested', { time: hours(suggestedPlannedHours) })}
                </button>
              )}
              {fieldError('planned-hours')}
            </div>

            <div>
              <label htmlFor={`${id}-add`} className="text-sm font-medium text-slate-800">
                {t('addPeople')}
              </label>
              <input
                id={`${id}-add`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={form.addPeople}
                onChange={(event) => set('addPeople', event.target.value)}
                className={fieldStyle}
                {...invalid('add-people')}
              />
              {fieldError('add-people')}
            </div>

            {model.people.length > 0 && (
              <fieldset>
                <legend className="text-sm font-medium text-slate-800">{t('removePeople')}</legend>
                {refusal('remove')}
                <ul className="mt-1 space-y-1">
                  {model.people.map((person) => (
                    <li key={person.bitrixUserId}>
                      <label className="flex items-center gap-2 text-sm text-slate-700">
                        <input
                          type="checkbox"
                          checked={form.removePeople.includes(person.bitrixUserId)}
                          onChange={(event) =>
                            set(
                              'removePeople',
                              event.target.checked
                                ? [...form.removePeople, person.bitrixUserId]
                                : form.removePeople.filter((other) => other !== person.bitrixUserId),
                            )
                          }
                        />
                        <span>
                          {person.name}{' '}
                          <span className="text-slate-600">
                            {t('personShare', { share: person.sharePercent })}
                            {person.ownPace ? '' : ` · ${t('teamPace')}`}
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}

            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{t('load')}</legend>
              {(['as-is', 'spread', 'cap'] as const).map((choice) => (
                <label key={choice} className="mt-1 flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="radio"
                    name={`${id}-load`}
                    value={choice}
                    checked={form.load === choice}
                    onChange={() => set('load', choice)}
                  />
                  {t(`loadChoices.${choice}`)}
                </label>
              ))}
              {form.load === 'cap' && (
                <div className="mt-2 grid grid-cols-[minmax(0,1fr)_6rem] gap-2">
                  <div>
                    <label htmlFor={`${id}-cap-person`} className="text-xs text-slate-700">
                      {t('capPerson')}
                    </label>
                    <select
                      id={`${id}-cap-person`}
                      value={form.capPerson}
                      onChange={(event) => set('capPerson', event.target.value)}
                      className={fieldStyle}
                    >
                      {model.people.map((person) => (
                        <option key={person.bitrixUserId} value={person.bitrixUserId}>
                          {person.name} ({t('personShare', { share: person.sharePercent })})
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`${id}-cap-percent`} className="text-xs text-slate-700">
                      {t('capPercent')}
                    </label>
                    <input
                      id={`${id}-cap-percent`}
                      type="number"
                      inputMode="numeric"
                      min={5}
                      max={95}
                      step={5}
                      value={form.capPercent}
                      onChange={(event) => set('capPercent', event.target.value)}
                      className={fieldStyle}
                      {...invalid('cap-percent')}
                    />
                  </div>
                </div>
              )}
              {fieldError('cap-percent')}
              {refusal('load')}
            </fieldset>

            <div>
              <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
                <input
                  type="checkbox"
                  checked={form.review}
                  onChange={(event) => set('review', event.target.checked)}
                  disabled={!model.review && !model.reviewKnown}
                  aria-describedby={!model.review && !model.reviewKnown ? `${id}-review-unknown` : undefined}
                />
                {t('review')}
              </label>
              {!model.review && !model.reviewKnown && (
                <p id={`${id}-review-unknown`} className="mt-1 text-xs text-slate-600">
                  {t('reviewUnknown')}
                </p>
              )}
              {refusal('review')}
            </div>

            <div>
              <label htmlFor={`${id}-arrivals`} className="text-sm font-medium text-slate-800">
                {t('arrivalsPercent')}
              </label>
              <input
                id={`${id}-arrivals`}
                type="number"
                inputMode="numeric"
                step={5}
                value={form.arrivalsPercent}
                onChange={(event) => set('arrivalsPercent', event.target.value)}
                className={fieldStyle}
                {...invalid('arrivals-percent')}
              />
              <p className="mt-1 text-xs text-slate-600">{t('arrivalsHint')}</p>
              {fieldError('arrivals-percent')}
            </div>

            <div className="flex flex-wrap gap-2">
              <button type="submit" className={buttonStyles.primary}>
                {pending ? t('running') : t('run')}
              </button>
              <button
                type="button"
                className={buttonStyles.secondary}
                onClick={() => {
                  setForm(initial);
                  setWithLevers(null);
                  runner.setMessage(null);
                }}
              >
                {t('reset')}
              </button>
            </div>
          </fieldset>
          <ActionStatus message={refusedAt ? null : runner.message} className="mt-3" />
        </form>

        <div className="min-w-0 space-y-4" aria-busy={pending}>
          {asItIs.isError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {asItIs.error.message}
            </p>
          )}
          {!asItIs.data ? (
            !asItIs.isError && (
              <p className="rounded-lg border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600">
                {t('running')}
              </p>
            )
          ) : (
            <>
              <ResultTable asItIs={asItIs.data} withLevers={withLevers} />
              <SimulationChart
                asItIs={asItIs.data}
                withLevers={withLevers}
                caption={t('chartCaption', { days: model.days, runs: model.runs })}
                csvFileStem={csvFileStem}
              />
            </>
          )}
        </div>
      </div>
    </section>
  );
}

/** The figures side by side: the flow as it is, and with the levers. */
function ResultTable({ asItIs, withLevers }: { asItIs: Simulation; withLevers: Simulation | null }) {
  const t = useTranslations('whatIf.simulator.result');
  const format = useFormatter();
  const percent = (value: number) => format.number(value / 100, { style: 'percent', maximumFractionDigits: 0 });
  const count = (value: number) => format.number(value, { maximumFractionDigits: 1 });
  const hours = (value: number) =>
    format.number(value, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
  const band = (value: Band | null, show: (value: number) => string) =>
    value === null ? t('none') : `${show(value.median)} (${show(value.low)}–${show(value.high)})`;
  const last = (simulation: Simulation) => simulation.days.at(-1)!;
  const rows: { key: string; of: (simulation: Simulation) => string }[] = [
    { key: 'efficiency', of: (simulation) => band(simulation.efficiency, percent) },
    { key: 'pending', of: (simulation) => band(last(simulation).pending, count) },
    { key: 'inProgress', of: (simulation) => band(last(simulation).inProgress, count) },
    { key: 'pendingHours', of: (simulation) => band(simulation.pendingHours, hours) },
    { key: 'inProgressHours', of: (simulation) => band(simulation.inProgressHours, hours) },
    { key: 'completed', of: (simulation) => band(simulation.completed, count) },
  ];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
          {t('caption', { days: asItIs.days.length - 1 })}
        </caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t('figure')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('asItIs')}
            </th>
            {withLevers && (
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                {t('withLevers')}
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key} data-figure={row.key}>
              <th scope="row" className="px-3 py-1.5 font-medium text-slate-900">
                {t(`rows.${row.key}` as 'rows.efficiency')}
              </th>
              <td className="px-3 py-1.5 text-right tabular-nums text-slate-700" data-column="as-it-is">
                {row.of(asItIs)}
              </td>
              {withLevers && (
                <td className="px-3 py-1.5 text-right tabular-nums text-slate-900" data-column="with-levers">
                  {row.of(withLevers)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
