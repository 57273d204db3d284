import { useTranslations } from 'next-intl';
import type { WhatIfPageData } from '@/lib/simulation/what-if-page';
import { CalibrationChart } from './calibration-chart';
import { DeliveryForecastCard } from './delivery-forecast-card';
import { SimulatorPanel } from './simulator-panel';

/** The What if tab: calibration, delivery forecast and the simulator, one under the other. */
export function WhatIfView({ flowId, view, canMove }: { flowId: string; view: WhatIfPageData; canMove: boolean }) {
  const t = useTranslations('whatIf');
  const csvFileStem = `flowpilot-flow-${flowId.slice(0, 8)}`;
  return (
    <div className="space-y-6">
      <CalibrationChart calibration={view.calibration} csvFileStem={csvFileStem} />
      <DeliveryForecastCard view={view.delivery} csvFileStem={csvFileStem} />
      {'error' in view.model ? (
        <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-base font-semibold text-slate-900">{t('simulator.title')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t(`unavailable.${view.model.error}`)}</p>
        </section>
      ) : (
        <SimulatorPanel
          flowId={flowId}
          model={view.model}
          canMove={canMove}
          suggestedPlannedHours={view.suggestedPlannedHours}
          csvFileStem={csvFileStem}
        />
      )}
    </div>
  );
}
