/** Rows read for many flows at once, by flow id, in their order. */
export function groupByFlow<Row extends { flowId: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const byFlow = new Map<string, Row[]>();
  for (const row of rows) {
    const flowRows = byFlow.get(row.flowId);
    if (flowRows) flowRows.push(row);
    else byFlow.set(row.flowId, [row]);
  }
  return byFlow;
}
