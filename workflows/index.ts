// The workflows the worker registers. Each process lives in its own file
// (`<process>.workflow.ts`); this index re-exports them for the worker's bundle.
// Workflow code imports only `@temporalio/workflow`, pure domain types and other workflow files.
export {};
