// npm start (production) and npm run dev (development): see lib/launcher/launcher.ts.
import { launch } from '../lib/launcher/launcher';

launch(process.argv.includes('--dev') ? 'development' : 'production').catch((error: unknown) => {
  console.error(`[flowpilot] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
