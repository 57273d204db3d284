import { DashboardSkeleton } from '@/components/dashboard/dashboard-skeleton';

export default function FlowsLoading() {
  return <DashboardSkeleton listRows={8} />;
}
