/** The event-store benchmark's scenarios and command-line options. */

export const SCENARIOS = [
  'append-single',
  'append-batch100',
  'hashing-overhead',
  'read-all',
  'verify',
  'verify-database-hashing',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export type Contender = 'ours' | 'limit' | 'peer';
export type Unit = 'events/s' | 'seconds';

export interface Options {
  quick: boolean;
  rounds: number;
  /** Timed work per append round, per system. */
  seconds: number;
  warmupSeconds: number;
  /** Size of the seeded log for read-all and verify. */
  logEvents: number;
  pageSize: number;
  only: ScenarioName[];
  keepData: boolean;
  /** Seal the seeded log before verify (as a running sealer would have). */
  seals: boolean;
}

export const USAGE = `npm run bench -- event-store [options]

  --quick            small smoke run: 20,000 events for read-all/verify, 2 s append rounds, 3 rounds
  --rounds N         measured rounds per system (default 5; at least 3)
  --seconds S        timed work per append round and system (default 8)
  --events N         events in the log for read-all and verify (default 1,000,000)
  --page-size N      events per readAll page, ours and limit alike (default 1000)
  --only a,b         only these scenarios (${SCENARIOS.join(', ')}); merged into the JSON
  --no-seals         do not seal the seeded log: verify then checks hashes and chains only
  --keep-data        keep the PostgreSQL data directory (its path is printed)`;

export function parseOptions(args: string[]): Options {
  const quick = args.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const num = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/[_,]/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: not a positive number: ${v}`);
    return n;
  };
  const flags = ['--quick', '--keep-data', '--no-seals'];
  const known = new Set([...flags, '--rounds', '--seconds', '--events', '--page-size', '--only']);
  for (let i = 0; i < args.length; i++) {
    if (!known.has(args[i])) throw new Error(`unknown option ${args[i]}\n\n${USAGE}`);
    if (!flags.includes(args[i])) i++;
  }
  const onlyArg = value('--only');
  const only = onlyArg ? onlyArg.split(',').map((s) => s.trim()) : [...SCENARIOS];
  for (const name of only) {
    if (!SCENARIOS.includes(name as ScenarioName)) {
      throw new Error(`--only: unknown scenario ${name} (known: ${SCENARIOS.join(', ')})`);
    }
  }
  const rounds = num('--rounds', quick ? 3 : 5);
  if (rounds < 3 || !Number.isInteger(rounds)) throw new Error('--rounds: at least 3');
  return {
    quick,
    rounds,
    seconds: num('--seconds', quick ? 2 : 8),
    warmupSeconds: quick ? 0.5 : 2,
    logEvents: num('--events', quick ? 20_000 : 1_000_000),
    pageSize: num('--page-size', 1000),
    only: only as ScenarioName[],
    keepData: args.includes('--keep-data'),
    seals: !args.includes('--no-seals'),
  };
}
