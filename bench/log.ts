/** A progress line with the time of day, for benches that run for minutes. */
export const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
