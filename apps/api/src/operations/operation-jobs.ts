import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';

export type OperationName = 'verify' | 'rebuild';

/** A long operation running in this API process, polled by `GET /operations/jobs/{id}`. */
export interface OperationJob {
  jobId: string;
  operation: OperationName;
  /** What it works on: the read model kind of a rebuild. */
  target?: string;
  status: 'running' | 'done' | 'failed';
  /** `account:<id>` of the operator who started it. */
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  /** Events handled so far, out of about `total` (when known). */
  progress: { done: number; total?: number };
  /** The report, once done. */
  result?: object;
  /** Why it failed (an error of the system, not a finding: findings are in `result`). */
  error?: string;
}

const KEEP_FINISHED_MS = 60 * 60_000;
const KEEP_FINISHED_COUNT = 50;

/**
 * The operations' jobs, in memory: started by one request, polled by the next ones (a progress
 * bar), kept an hour after they finish. The same operation on the same target runs once at a
 * time: asking again while it runs answers the running job. A job lives in the process that
 * runs it (behind a load balancer, poll with the same connection or sticky sessions).
 */
@Injectable()
export class OperationJobs {
  private readonly logger = new Logger(OperationJobs.name);
  private readonly jobs = new Map<string, OperationJob>();

  start(
    operation: OperationName,
    target: string | undefined,
    startedBy: string,
    work: (progress: (done: number, total?: number) => void) => Promise<object>,
  ): OperationJob {
    this.forgetOld();
    const running = [...this.jobs.values()].find(
      (j) => j.status === 'running' && j.operation === operation && j.target === target,
    );
    if (running) return running;
    const job: OperationJob = {
      jobId: randomUUID(),
      operation,
      ...(target !== undefined && { target }),
      status: 'running',
      startedBy,
      startedAt: new Date().toISOString(),
      progress: { done: 0 },
    };
    this.jobs.set(job.jobId, job);
    const progress = (done: number, total?: number) => {
      // An undefined total is left out of the JSON.
      job.progress = { done, total: total ?? job.progress.total };
    };
    void work(progress).then(
      (result) => {
        job.status = 'done';
        job.result = result;
        job.finishedAt = new Date().toISOString();
      },
      (err: unknown) => {
        job.status = 'failed';
        job.error = err instanceof Error ? err.message : String(err);
        job.finishedAt = new Date().toISOString();
        this.logger.error(`${operation} ${target ?? ''} failed: ${job.error}`);
      },
    );
    return job;
  }

  get(jobId: string): OperationJob | undefined {
    return this.jobs.get(jobId);
  }

  private forgetOld(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt);
    finished.forEach((job, i) => {
      const old = now - Date.parse(job.finishedAt!) > KEEP_FINISHED_MS;
      if (old || i < finished.length - KEEP_FINISHED_COUNT) this.jobs.delete(job.jobId);
    });
  }
}
