import type { MachineInfo } from '../lib/machine';
import type { Summary } from '../lib/stats';
import type { ScenarioName, Unit } from './options';

/** What the benchmark writes, per scenario: each system's rounds summarised, and the ratios. */
export interface ScenarioResult {
  unit: Unit;
  ours: Summary;
  limit?: Summary;
  peer?: Summary;
  ratioVsLimit?: number;
  ratioVsPeer?: number;
}

export interface EventStoreResults {
  machine: MachineInfo;
  scenarios: Partial<Record<ScenarioName, ScenarioResult>>;
}
