/**
 * RFC 9457 problem details as the API sends them (apps/api/src/problem-details): a 400 names each
 * invalid field in `invalidParams: [{ name, reason }]` (`name` dotted: `units.0.title`).
 */
export interface InvalidParam {
  name: string;
  reason: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  invalidParams?: InvalidParam[];
  rule?: string;
  currentVersion?: number;
  [extension: string]: unknown;
}

/** What every failed API call throws. */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a response body as problem details; anything else becomes a generic one. */
export function toProblem(status: number, statusText: string, body: unknown): ProblemDetails {
  if (isRecord(body) && typeof body.title === 'string') {
    const invalidParams = Array.isArray(body.invalidParams)
      ? body.invalidParams.filter(
          (p): p is InvalidParam =>
            isRecord(p) && typeof p.name === 'string' && typeof p.reason === 'string',
        )
      : undefined;
    return {
      ...body,
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: typeof body.status === 'number' ? body.status : status,
      ...(typeof body.detail === 'string' && { detail: body.detail }),
      ...(invalidParams !== undefined && { invalidParams }),
    };
  }
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status };
}

/**
 * The reasons the API gave for one field (joined), or undefined — for Mantine's `error` prop:
 * `<TextInput label=… error={fieldError(problem, 'name')} />`. `field` matches the dotted name
 * exactly, or as a prefix (`units` matches `units.0.title`).
 */
export function fieldError(
  problem: ProblemDetails | ApiError | null | undefined,
  field: string,
): string | undefined {
  const details = problem instanceof ApiError ? problem.problem : problem;
  const reasons = (details?.invalidParams ?? [])
    .filter((p) => p.name === field || p.name.startsWith(`${field}.`))
    .map((p) => p.reason);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** The invalid parameters no field of a form claims (to show above the form). */
export function otherFieldErrors(
  problem: ProblemDetails | ApiError | null | undefined,
  fields: readonly string[],
): InvalidParam[] {
  const details = problem instanceof ApiError ? problem.problem : problem;
  return (details?.invalidParams ?? []).filter(
    (p) => !fields.some((f) => p.name === f || p.name.startsWith(`${f}.`)),
  );
}
