import { availableParallelism } from 'node:os';

export interface AuditOptions {
  /** Events in the sealed log that `verify` checks. */
  events: number;
  /** Measured rounds of each verifier (interleaved), after one unmeasured warm-up round each. */
  rounds: number;
  /** Lanes of the parallel verifier. */
  lanes: number;
  /** Events in the mobility stream read as of random instants. */
  streamEvents: number;
  /** As-of reads measured (after 20 unmeasured ones). */
  samples: number;
  /** Time after which the as-of sampling stops, even short of `samples`. */
  asOfBudgetSeconds: number;
  keepData: boolean;
}

export const USAGE = `audit [--events N] [--rounds R] [--lanes L] [--stream-events N] [--samples S] [--as-of-budget SEC] [--keep-data]
  The auditors' workload: verify() of a sealed log — the single-lane "read and SHA-256 every
  event" limit, today's single-lane verifier and the parallel one (lanes over seal ranges) in the
  same run — and a mobility's state as of random instants.
  --events N         events in the sealed log (default 1,000,000)
  --rounds R         measured rounds per verifier, interleaved (default 3)
  --lanes L          lanes of the parallel verifier (default: the cores, ${availableParallelism()} here)
  --stream-events N  events in the mobility stream read as of an instant (default 10,000)
  --samples S        as-of reads measured, at random instants (default 300)
  --as-of-budget SEC stop the as-of sampling after SEC seconds even short of S (default 300)
  --keep-data        keep the PostgreSQL data directory`;

export function parseAuditOptions(args: string[]): AuditOptions {
  const options: AuditOptions = {
    events: 1_000_000,
    rounds: 3,
    lanes: availableParallelism(),
    streamEvents: 10_000,
    samples: 300,
    asOfBudgetSeconds: 300,
    keepData: false,
  };
  const count = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value?.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    switch (arg) {
      case '--events':
        options.events = count(arg, args[++i], 1_000);
        break;
      case '--rounds':
        options.rounds = count(arg, args[++i], 1);
        break;
      case '--lanes':
        options.lanes = count(arg, args[++i], 2);
        break;
      case '--stream-events':
        options.streamEvents = count(arg, args[++i], 100);
        break;
      case '--samples':
        options.samples = count(arg, args[++i], 200);
        break;
      case '--as-of-budget':
        options.asOfBudgetSeconds = count(arg, args[++i], 1);
        break;
      case '--keep-data':
        options.keepData = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}
