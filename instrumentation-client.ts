import { z } from 'zod';

// Runs in the browser before any of the app's modules. zod compiles object parsers with
// new Function() when it can, and its probe for that is an eval that the CSP (no 'unsafe-eval')
// blocks and reports as a violation on every page; jitless skips the probe and the compiling.
z.config({ jitless: true });
