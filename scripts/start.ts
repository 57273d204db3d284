// npm start (production) and npm run dev (development): see lib/server/launcher.ts.
import { launch } from '../lib/server/launcher';

launch(process.argv.includes('--dev') ? 'development' : 'production').catch((error: unknown) => {
  console.error(`[flowpilot] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
