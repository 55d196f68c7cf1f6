/**
 * An event of the log as the bridge delivers it to a workflow: its type, a summary of its data
 * without personal data (Temporal histories are not encrypted per learner), when it was recorded,
 * and its checkpoint in the global log — ordered, so a workflow ignores what it has seen.
 */
export interface BridgedEvent {
  checkpoint: string;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
}
