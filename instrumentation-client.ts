import { config } from 'zod/v4/core';

// Runs in the browser before any of the app's modules. zod compiles object parsers with
// new Function() when it can, and its probe for that is an eval that the CSP (no 'unsafe-eval')
// blocks and reports as a violation on every page; jitless skips the probe and the compiling.
// The setting is zod's global one (`z.config` writes the same object); importing only it keeps
// the whole of zod out of the script every page loads first.
config({ jitless: true });
