'use client';

import './globals.css';

// Replaces the root layout when it fails, so translations may be unavailable: both languages are written out.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="ru">
      <body className="flex min-h-screen items-center justify-center bg-slate-50 p-6 font-sans">
        <main role="alert" className="max-w-lg rounded-xl border border-red-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">Flowpilot: не удалось загрузить страницу</h1>
          <p lang="en" className="mt-1 text-slate-700">
            Flowpilot could not load this page.
          </p>
          {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">{error.digest}</p>}
          <button
            type="button"
            onClick={reset}
            className="mt-5 rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800"
          >
            Повторить · Try again
          </button>
        </main>
      </body>
    </html>
  );
}
