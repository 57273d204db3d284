import PgBoss from 'pg-boss';

/** pg-boss keeps its tables in their own schema beside the mirror. */
export const jobSchema = 'jobs';

/** A queue client that only sends jobs (the web app); the worker process maintains and schedules. */
export function senderBoss(connectionString: string): PgBoss {
  return new PgBoss({ connectionString, schema: jobSchema, max: 2, supervise: false, schedule: false, migrate: false });
}

export function workerBoss(connectionString: string): PgBoss {
  return new PgBoss({ connectionString, schema: jobSchema, max: 4 });
}
