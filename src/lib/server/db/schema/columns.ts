import { integer } from 'drizzle-orm/sqlite-core';

/** A point in time, stored as milliseconds since the epoch. */
export const stamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
