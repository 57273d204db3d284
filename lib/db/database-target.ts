/** host:port/database of a connection string, for logs and the settings page: never the password. */
export function describeDatabaseTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const database = url.pathname.replace(/^\//, '') || 'postgres';
    return `${url.hostname}:${url.port || '5432'}/${database}`;
  } catch {
    return 'an unreadable DATABASE_URL';
  }
}
