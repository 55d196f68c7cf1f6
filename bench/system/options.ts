export interface SystemOptions {
  quick: boolean;
  /** Measured seconds per command round (per client count). */
  seconds: number;
  /** Concurrent HTTP clients of the command rounds. */
  clients: number[];
  /** Measured seconds per read round (API and bare alternate). */
  readSeconds: number;
  /** Concurrent clients of the read rounds (API and bare alike). */
  readClients: number;
  /** The steady command rates under which the bridge's lag is measured (the first is the
   * goal's), and for how long each. */
  lagRates: number[];
  lagSeconds: number;
  /** Mobilities planned at once for the workflow-start burst (and empty workflows started bare),
   * and how many bursts of each. */
  burst: number;
  burstRounds: number;
  /** Signatures measured in the round trip, and how many signers sign at once. */
  signatures: number;
  signers: number;
  /** Mobilities in the read models when the processes' memory is read. */
  mobilities: number;
  /** Only these parts (all by default). */
  only?: Part[];
  /** Profile these processes' CPU during the command rounds (`.cpuprofile` files). */
  profile: Array<'api' | 'worker'>;
  keepData: boolean;
}

export const PARTS = ['commands', 'reads', 'round-trip', 'bridge', 'memory'] as const;
export type Part = (typeof PARTS)[number];

export const USAGE = `system [--quick] [--seconds S] [--clients 16,64] [--lag-rate 200,25] [--burst N]
       [--signatures N] [--mobilities N] [--only a,b] [--profile api,worker] [--keep-data]
  The whole system as a client sees it, each figure beside a limit measured in the same run:
  PostgreSQL, the Temporal dev server, the API and the worker as processes, authenticated.
  commands    plan, draft, sign, start and assess over HTTP at --clients clients, against
              the event store's bare single-event append rate
  reads       one mobility (its stream folded) and a list page, against a bare SELECT of the
              same rows through the same driver
  round-trip  HTTP sign → event → workflow and read model, --signers signers at once
  bridge      commit → workflow signal lag under steady --lag-rate commands/s; workflow
              starts/s when --burst mobilities are planned at once, against a bare client
              starting empty workflows of the same shape on the same server
  memory      resident size of the API and the worker with --mobilities in the read models
  --quick            smaller counts and shorter rounds (a smoke run)
  --seconds S        measured seconds per command round (default 20; quick 6)
  --clients A,B      client counts of the command rounds (default 16,64)
  --lag-rate A,B     commands/s of the lag measurements (default 200,25: the goal's, and one
                     well within what this machine sustains)
  --lag-seconds S    how long it lasts (default 20; quick 8)
  --burst N          mobilities planned at once (default 1,000; quick 200)
  --burst-rounds R   bursts of ours and of the bare client, interleaved (default 3; quick 2)
  --signatures N     signatures measured (default 300; quick 60), by --signers (default 10)
  --mobilities N     mobilities in the read models for the memory figure (default 100,000;
                     quick 10,000)
  --only a,b         only these parts (${PARTS.join(', ')})
  --profile api,worker   CPU profiles of those processes during the command rounds
  --keep-data        keep the PostgreSQL and Temporal data directories`;

export function parseSystemOptions(args: string[]): SystemOptions {
  const quick = args.includes('--quick');
  const options: SystemOptions = {
    quick,
    seconds: quick ? 6 : 20,
    clients: [16, 64],
    readSeconds: quick ? 3 : 8,
    readClients: 16,
    lagRates: [200, 25],
    lagSeconds: quick ? 8 : 20,
    burst: quick ? 200 : 1_000,
    burstRounds: quick ? 2 : 3,
    signatures: quick ? 60 : 300,
    signers: 10,
    mobilities: quick ? 10_000 : 100_000,
    profile: [],
    keepData: false,
  };
  const count = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value?.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}`);
    return n;
  };
  const list = (name: string, value: string | undefined): string[] => {
    const items = (value ?? '').split(',').filter(Boolean);
    if (!items.length) throw new Error(`${name} needs a comma-separated list`);
    return items;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    switch (arg) {
      case '--quick':
        break;
      case '--seconds':
        options.seconds = count(arg, args[++i], 1);
        break;
      case '--clients':
        options.clients = list(arg, args[++i]).map((c) => count(arg, c, 1));
        break;
      case '--lag-rate':
        options.lagRates = list(arg, args[++i]).map((r) => count(arg, r, 1));
        break;
      case '--lag-seconds':
        options.lagSeconds = count(arg, args[++i], 1);
        break;
      case '--burst':
        options.burst = count(arg, args[++i], 10);
        break;
      case '--burst-rounds':
        options.burstRounds = count(arg, args[++i], 1);
        break;
      case '--signatures':
        options.signatures = count(arg, args[++i], 10);
        break;
      case '--signers':
        options.signers = count(arg, args[++i], 1);
        break;
      case '--mobilities':
        options.mobilities = count(arg, args[++i], 1_000);
        break;
      case '--only': {
        const parts = list(arg, args[++i]);
        for (const p of parts)
          if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: unknown ${p}`);
        options.only = parts as Part[];
        break;
      }
      case '--profile': {
        const which = list(arg, args[++i]);
        for (const p of which)
          if (p !== 'api' && p !== 'worker') throw new Error(`--profile: api or worker, not ${p}`);
        options.profile = which as Array<'api' | 'worker'>;
        break;
      }
      case '--keep-data':
        options.keepData = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}

export const runs = (options: SystemOptions, part: Part): boolean =>
  !options.only || options.only.includes(part);
