import { AppNav } from './app-nav';
import { HealthIndicator } from './health-indicator';
import { LanguageSwitch } from './language-switch';
import { Logo } from './logo';

export function AppHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Logo href="/overview" />
        <AppNav />
        <div className="ml-auto flex items-center gap-3">
          <HealthIndicator />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
