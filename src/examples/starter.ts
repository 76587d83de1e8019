/** The script shown on first load: the primality scatter/gather lesson of the seeds. */
export { default as STARTER_SCRIPT } from './scripts/primality.ts?raw';
