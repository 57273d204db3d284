import type { PortalState } from '../portal-state';

/** Who is calling: the webhook's or token's user, the caller key limits are counted by, and the app (OAuth) or none (webhook). */
export type Caller = { userId: number; key: string; scopes: string[]; clientId: string | null };

export type RestContext = { state: PortalState; caller: Caller; options: RestOptions };

/** Behaviour switches for things the real portal's behaviour is unknown on (docs/bitrix24-client.md, "The demo portal"). */
export type RestOptions = {
  /** Whether tasks.task.list honours a FLOW_ID filter (unconfirmed on real portals). */
  flowIdFilter: boolean;
  /** False plays a plan without Flows: tasks.flow.Flow.get refuses every flow (error "0", in the portal's language). */
  flowsEnabled: boolean;
  /** The portal's language, which Bitrix24's error texts follow (Russian unless set). */
  language: 'ru' | 'en';
  /** Portal administrators: user.admin answers true for them, and they read every flow. */
  admins: number[];
  /** Where events are sent from (their `auth` block). */
  baseUrl: () => string;
  fireEvent: (event: 'ONTASKADD' | 'ONTASKUPDATE' | 'ONTASKDELETE', taskId: number) => void;
};

export type RestAnswer = { result: unknown; total?: number; next?: number };

export type RestMethod = {
  scope: string;
  /** Simulated execution cost in seconds, added to the method's operating time. */
  cost?: number;
  handle: (context: RestContext, params: Record<string, unknown>) => RestAnswer | Promise<RestAnswer>;
};
