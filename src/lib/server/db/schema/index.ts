export * from './units';
export * from './people';
export * from './auth';
export * from './audit';
export * from './competitions';
export * from './judging';
export * from './results';
