import { ApiFailure, type ApiClient } from '../api-client';
import { progressBar } from '../progress';

/** The operators' jobs (verify, rebuild) as the API reports them, and waiting for one. */
export interface Job {
  jobId: string;
  status: 'running' | 'done' | 'failed';
  progress: { done: number; total?: number };
  result?: object;
  error?: string;
}

export interface VerificationReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  sealsChecked: number;
  unsealedEvents: number;
  signaturesChecked: boolean;
  /** The keys seals may be signed with: SEAL_SIGNING_KEY's, then SEAL_TRUSTED_KEYS'. */
  trustedKeyIds?: string[];
  problem?: {
    kind: string;
    message: string;
    stream?: string;
    version?: number;
    position?: string;
    seal?: number;
    range?: object;
  };
}

export interface RebuildReport {
  rebuiltDocuments: number;
  liveDocuments: number;
  eventsRead: number;
  equal: boolean;
  differences: Array<{
    id: string;
    problem: string;
    liveVersion?: number;
    rebuiltVersion?: number;
    paths?: string[];
  }>;
}

/** Starts an operation's job and polls it to its end, with a progress bar. */
export async function runJob(
  api: ApiClient,
  path: string,
  body: object,
  label: string,
  showProgress: boolean,
): Promise<Job & { result: object }> {
  let job = (await api.post<Job>(path, body)).body;
  const bar = progressBar(label, 'events', { enabled: showProgress });
  try {
    let wait = 100;
    while (job.status === 'running') {
      bar.update(job.progress.done, job.progress.total);
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 1_000);
      job = await api.get<Job>(`/operations/jobs/${job.jobId}`);
    }
    bar.update(job.progress.done, job.progress.total);
  } finally {
    bar.stop();
  }
  if (job.status === 'failed' || !job.result)
    throw new ApiFailure(`${label} failed on the server: ${job.error ?? 'no result'}`);
  return job as Job & { result: object };
}
