/** Where a portal's outgoing webhook or bound events post task events (lib/portals/events-url.ts). */
export const eventsPath = '/api/bitrix24/events';

/** Where Bitrix24 posts a local app's installation (lib/portals/install-app-connection.ts). */
export const installPath = '/api/bitrix24/install';
