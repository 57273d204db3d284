import { areas, canOpen } from '@/lib/auth/roles';
import type { Viewer } from '@/lib/auth/viewer';
import { AppNav } from './app-nav';
import { HealthIndicator } from './health-indicator';
import { LanguageSwitch } from './language-switch';
import { Logo } from './logo';
import { SyncProgress } from './sync-progress';
import { UserMenu } from './user-menu';

export function AppHeader({ viewer }: { viewer: Viewer }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Logo href="/home" />
        <AppNav areas={areas.filter((area) => canOpen(viewer.role, area))} />
        <div className="ml-auto flex items-center gap-3">
          <HealthIndicator />
          <LanguageSwitch />
          <UserMenu name={viewer.name} email={viewer.email} role={viewer.role} />
        </div>
      </div>
      <SyncProgress canManage={viewer.role === 'admin'} />
    </header>
  );
}
