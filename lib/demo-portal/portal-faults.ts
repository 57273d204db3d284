/**
 * Switches that make the demo portal misbehave on purpose, for tests: a share of 500s, slow
 * answers, dropped events, OAuth tokens that expire early, webhooks revoked, and extra cost per
 * call to push methods toward their time budget.
 */
export type PortalFaults = {
  /** 0..1: share of REST calls answered 500 INTERNAL_SERVER_ERROR. */
  errorRate: number;
  /** Milliseconds every REST answer is delayed. */
  slowMs: number;
  /** 0..1: share of events not delivered. */
  dropEventRate: number;
  /** Access tokens expire this many ms after issue (null: Bitrix24's hour). */
  tokenLifetimeMs: number | null;
  /** Webhook codes the portal no longer accepts. */
  revokedWebhooks: string[];
  /** Extra simulated seconds added to each call's operating time. */
  extraCostSeconds: number;
};

export const noFaults: PortalFaults = {
  errorRate: 0,
  slowMs: 0,
  dropEventRate: 0,
  tokenLifetimeMs: null,
  revokedWebhooks: [],
  extraCostSeconds: 0,
};
