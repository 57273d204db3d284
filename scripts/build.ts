// npm run build: next build, recorded so that npm start knows the build is current.
import { buildApp } from '../lib/launcher/next-process';

buildApp(process.cwd()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
