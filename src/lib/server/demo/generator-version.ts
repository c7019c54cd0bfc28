/**
 * Raised whenever what the dataset generator (scale.ts) writes changes, so a dataset built
 * by an older one is built again before it is measured (2: proposal authors numbered from
 * 0; 3: 16,000 entries in the open event, so its 160,000 sheets outlast 60 s at 2,000/s).
 * A module of its own: the benchmark reads it without loading the generator and the app
 * behind it (1.2 s and 139 MB in the load generator's process, measured).
 */
export const GENERATOR_VERSION = 3;
