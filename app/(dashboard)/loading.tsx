/** Skeleton while a dashboard page renders on the server. */
export default function DashboardLoading() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-4">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="h-4 w-72 rounded bg-slate-200" />
      <div className="h-64 rounded-xl bg-slate-200" />
    </div>
  );
}
