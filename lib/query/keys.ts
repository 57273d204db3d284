/** TanStack Query key factories: every client query's key comes from here, so invalidation can target groups. */
export const systemKeys = {
  all: ['system'] as const,
  health: () => [...systemKeys.all, 'health'] as const,
};

export const syncKeys = {
  all: ['sync'] as const,
  status: () => [...syncKeys.all, 'status'] as const,
};

export const dashboardKeys = {
  all: ['dashboard'] as const,
  /** One view of the flows list, by its search params (flowListSearchParams). */
  flows: (view: string) => [...dashboardKeys.all, 'flows', view] as const,
  flow: (flowId: string, days: number) => [...dashboardKeys.all, 'flow', flowId, days] as const,
  overview: (days: number) => [...dashboardKeys.all, 'overview', days] as const,
};

export const copilotKeys = {
  all: ['copilot'] as const,
  analysis: (analysisId: string) => [...copilotKeys.all, 'analysis', analysisId] as const,
};

export const whatIfKeys = {
  all: ['what-if'] as const,
  /** A flow simulated as it is, with no lever moved. */
  asItIs: (flowId: string) => [...whatIfKeys.all, 'as-it-is', flowId] as const,
};
