import { DashboardSkeleton } from '@/components/dashboard/dashboard-skeleton';

export default function FlowLoading() {
  return <DashboardSkeleton charts={6} />;
}
