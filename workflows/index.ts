// The workflows the worker runs (bundled by the Temporal SDK: deterministic code only).
export { mobilityWorkflow } from './mobility.workflow';
export { partnershipWorkflow } from './partnership.workflow';
