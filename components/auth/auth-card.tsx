import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { Logo } from '@/components/layout/logo';

/** The frame of the signed-out pages: sign-in, first-run setup, invitation. */
export function AuthCard({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo />
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">
        <section
          aria-labelledby="auth-title"
          className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
        >
          <h1 id="auth-title" className="text-xl font-semibold text-slate-900">
            {title}
          </h1>
          {lead && <p className="mt-2 text-sm text-slate-700">{lead}</p>}
          <div className="mt-6">{children}</div>
        </section>
      </main>
    </div>
  );
}
