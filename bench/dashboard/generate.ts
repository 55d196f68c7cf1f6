import type { Client } from 'pg';
import {
  DASHBOARD_COLUMNS,
  dashboardRow,
  dashboardRowParams,
  MOBILITY_PHASES,
  SIGNATORY_ROLES,
  type DashboardRow,
} from '../../libs/application/src/dashboard/dashboard-row';
import { Prng } from '../lib/prng';

/** The generated world's shape: the benchmark's principals look at `BIG_SCHOOL`. */
export const BIG_SCHOOL = 's-000';
export const SCHOOLS = 300;
export const HOSTS = 400;
/** Each school's partnerships (the big school's: 40). */
export const PARTNERSHIPS_PER_SCHOOL = 8;
/** The share of all mobilities sent by the big school. */
export const BIG_SHARE = 0.2;
const COUNTRIES = ['ES', 'DE', 'IT', 'FR', 'PT', 'FI', 'PL', 'CZ', 'NL', 'AT'];
const FIRST = [
  'Anna',
  'Berta',
  'Cilda',
  'Dace',
  'Elza',
  'Juris',
  'Ingus',
  'Kārlis',
  'Līga',
  'Oskars',
];
const LAST = ['Ozola', 'Kalniņa', 'Liepa', 'Egle', 'Bērziņa', 'Zariņš', 'Kļaviņš', 'Šmits'];
// Roughly how a year's mobilities spread over the phases.
const PHASE_WEIGHTS = [8, 10, 1, 6, 12, 6, 5, 5, 10, 30, 7];
const BATCH = 5_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function weighted(prng: Prng, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = prng.below(total);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return weights.length - 1;
}

/** One mobility's read-model document (the fields the dashboard and its scope read). */
function mobilityDoc(prng: Prng, i: number) {
  const school = prng.next() < BIG_SHARE ? BIG_SCHOOL : `s-${pad(1 + prng.below(SCHOOLS - 1), 3)}`;
  const hostIndex = prng.below(HOSTS);
  const host = `h-${pad(hostIndex, 3)}`;
  const phase = MOBILITY_PHASES[weighted(prng, PHASE_WEIGHTS)];
  const start = Date.UTC(2026, 0, 1) + prng.below(3 * 365) * 86_400_000;
  const end = start + (14 + prng.below(80)) * 86_400_000;
  const pending =
    phase === 'awaiting-signatures'
      ? SIGNATORY_ROLES.filter((r) => r !== 'guardian' || prng.next() < 0.2).filter(
          () => prng.next() < 0.6,
        )
      : [];
  const mobilityId = `mob-${pad(i, 6)}`;
  return {
    mobilityId,
    version: 1 + prng.below(40),
    phase,
    partnershipId: `p-${school}-${pad(prng.below(school === BIG_SCHOOL ? 40 : PARTNERSHIPS_PER_SCHOOL), 2)}`,
    sendingInstitution: { institutionId: school, country: 'LV' },
    host: { institutionId: host, country: COUNTRIES[hostIndex % COUNTRIES.length] },
    learner: {
      learnerId: `lrn-${pad(i, 6)}`,
      name: `${FIRST[prng.below(FIRST.length)]} ${LAST[prng.below(LAST.length)]} ${i}`,
    },
    plannedPeriod: { start: day(start), end: day(end) },
    ...([
      'awaiting-assessment',
      'awaiting-validation',
      'awaiting-recognition',
      'recognised',
      'completed',
    ].includes(phase) && {
      actualEnd: day(end),
    }),
    mentors: {
      sending: { email: `mentor${prng.below(20)}@${school}.example` },
      host: { email: `mentor${prng.below(5)}@${host}.example` },
    },
    agreement: phase === 'preparation' ? undefined : { pendingSignatories: pending },
    overdue: prng.next() < 0.05,
  };
}

/**
 * Writes `count` generated mobilities straight into the read models (their documents) and the
 * dashboard's table (each row `dashboardRow` of its document), and the partnerships' documents
 * (their titles), in batches of multi-row inserts; then VACUUM ANALYZE. Seeded: every run the same.
 */
export async function generateMobilities(client: Client, count: number): Promise<void> {
  const prng = new Prng('dashboard-bench');
  await client.query(
    `INSERT INTO ecvet_read_models (kind, id, version, doc)
     SELECT 'partnerships', p.id, 1,
            jsonb_build_object('partnershipId', p.id, 'title', 'Partnership ' || p.id,
                               'coordinatorInstitutionId', p.school,
                               'parties', jsonb_build_array(jsonb_build_object('institutionId', p.school)))
       FROM (SELECT s.school, 'p-' || s.school || '-' || lpad(k::text, 2, '0') AS id
               FROM (SELECT 's-' || lpad(i::text, 3, '0') AS school FROM generate_series(0, $1 - 1) AS i) s,
                    generate_series(0, CASE WHEN s.school = $2 THEN 39 ELSE $3 - 1 END) AS k) p`,
    [SCHOOLS, BIG_SCHOOL, PARTNERSHIPS_PER_SCHOOL],
  );
  const recordedFrom = Date.UTC(2026, 0, 1);
  for (let from = 0; from < count; from += BATCH) {
    const docs: object[] = [];
    const rows: DashboardRow[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const doc = mobilityDoc(prng, i);
      docs.push(doc);
      rows.push(dashboardRow(doc, new Date(recordedFrom + prng.below(700 * 86_400) * 1000)));
    }
    await client.query(
      `INSERT INTO ecvet_read_models (kind, id, version, doc)
       SELECT 'mobilities', d->>'mobilityId', (d->>'version')::int, d
         FROM unnest($1::jsonb[]) AS d`,
      [docs.map((d) => JSON.stringify(d))],
    );
    const columns = rows.map(dashboardRowParams);
    const arrays = DASHBOARD_COLUMNS.map((_, c) => columns.map((row) => row[c]));
    // unnest cannot take text[][] of uneven rows: the roles go as space-joined text.
    const waiting = DASHBOARD_COLUMNS.indexOf('waiting_for');
    arrays[waiting] = rows.map((r) => r.waitingFor.join(' '));
    const casts: Record<string, string> = {
      version: 'int[]',
      overdue: 'boolean[]',
      planned_start: 'date[]',
      planned_end: 'date[]',
      actual_end: 'date[]',
      signature_due: 'date[]',
      assessment_due: 'date[]',
      recognition_due: 'date[]',
      next_deadline_due: 'date[]',
      updated_at: 'timestamptz[]',
    };
    await client.query(
      `INSERT INTO ecvet_dashboard_mobilities (${DASHBOARD_COLUMNS.join(', ')})
       SELECT ${DASHBOARD_COLUMNS.map((c) =>
         c === 'waiting_for' ? `coalesce(string_to_array(nullif(${c}, ''), ' '), '{}')::text[]` : c,
       ).join(', ')}
         FROM unnest(${DASHBOARD_COLUMNS.map((c, i) => `$${i + 1}::${casts[c] ?? 'text[]'}`).join(', ')})
           AS t(${DASHBOARD_COLUMNS.join(', ')})`,
      arrays,
    );
  }
  await client.query('VACUUM (ANALYZE) ecvet_dashboard_mobilities');
  await client.query('VACUUM (ANALYZE) ecvet_read_models');
}
