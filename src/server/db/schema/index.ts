export * from './org.js';
export * from './users.js';
export * from './audit.js';
export * from './ledger.js';
export * from './targets.js';
export * from './assessment.js';
export * from './rewards.js';
export * from './stats.js';
