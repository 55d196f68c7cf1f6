/**
 * Where a mobility stands (derived by `mobilityPhase`, never stored), in the order of the process.
 * No imports: the dashboard's browser bundle reads this file too.
 */
export const MOBILITY_PHASES = [
  'preparation',
  'awaiting-signatures',
  'agreement-declined',
  'ready-to-start',
  'under-way',
  'awaiting-assessment',
  'awaiting-validation',
  'awaiting-recognition',
  'recognised',
  'completed',
  'cancelled',
] as const;
export type MobilityPhase = (typeof MOBILITY_PHASES)[number];
