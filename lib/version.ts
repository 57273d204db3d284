import packageJson from '../package.json' with { type: 'json' };

/** The running Flowpilot version, from package.json. */
export const appVersion: string = packageJson.version;
