import { DashboardSkeleton } from '@/components/dashboard/dashboard-skeleton';

export default function OverviewLoading() {
  return <DashboardSkeleton charts={4} />;
}
