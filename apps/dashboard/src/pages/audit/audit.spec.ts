import { validateAuditSearch } from './search';
import {
  bundleQuery,
  dayAfter,
  entriesUntil,
  fileNameOf,
  formField,
  historyPath,
  itemPath,
  jobOutcome,
  percent,
  toTree,
  type OperationJob,
} from './streams';

const job = (over: Partial<OperationJob>): OperationJob => ({
  jobId: 'j',
  operation: 'verify',
  status: 'done',
  startedBy: 'account:ops',
  startedAt: '2027-02-05T10:00:00Z',
  progress: { done: 10, total: 10 },
  ...over,
});

describe('the audit screens', () => {
  it('reads a learner through their credit record, the others by their collection', () => {
    expect(itemPath('learners', 'lrn-1')).toBe('/learners/lrn-1/credits');
    expect(itemPath('institutions', 'rtrit')).toBe('/institutions/rtrit');
    expect(historyPath('learners', 'a b')).toBe('/learners/a%20b/history');
  });

  it('asks the API for the bundle with an inclusive end day and the languages in order', () => {
    expect(
      bundleQuery({
        subject: 'mobility',
        id: ' mob-annija ',
        from: '2027-01-31',
        to: '2027-02-28',
        languages: ['en', 'lv'],
      }),
    ).toEqual({ mobilityId: 'mob-annija', from: '2027-01-31', to: '2027-03-01', lang: 'lv,en' });
    expect(
      bundleQuery({ subject: 'institution', id: 'rtrit', from: '', to: '', languages: ['en'] }),
    ).toEqual({ institutionId: 'rtrit', lang: 'en' });
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(dayAfter('2027-02-30')).toBeUndefined();
  });

  it("puts the API's invalid parameters under the form's fields", () => {
    expect(formField('partnershipId')).toBe('id');
    expect(formField('to')).toBe('to');
    expect(formField('lang')).toBe('languages');
    expect(formField('checkpoint')).toBeUndefined();
  });

  it('takes the file name from Content-Disposition, never a path', () => {
    expect(fileNameOf('attachment; filename="audit-bundle-mob-annija.jsonl"')).toBe(
      'audit-bundle-mob-annija.jsonl',
    );
    expect(fileNameOf('attachment; filename="../x"')).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });

  it("names a job's verdict: running, ok, the first problem, equal, the first difference", () => {
    expect(jobOutcome(job({ status: 'running', progress: { done: 3 } }))).toEqual({
      state: 'running',
      done: 3,
      total: undefined,
    });
    expect(jobOutcome(job({ status: 'failed', error: 'boom' }))).toEqual({
      state: 'failed',
      message: 'boom',
    });
    expect(
      jobOutcome(
        job({
          result: {
            ok: false,
            eventsChecked: 5,
            streamsChecked: 1,
            sealsChecked: 1,
            unsealedEvents: 0,
            problem: { kind: 'chain-broken', message: 'Mobility-x@3' },
          },
        }),
      ),
    ).toEqual({ state: 'problem', kind: 'chain-broken', message: 'Mobility-x@3' });
    const equal = {
      kind: 'mobilities',
      eventsRead: 9,
      rebuiltDocuments: 3,
      liveDocuments: 3,
      equal: true,
      differences: [],
    };
    expect(jobOutcome(job({ operation: 'rebuild', result: equal })).state).toBe('equal');
    expect(
      jobOutcome(
        job({
          operation: 'rebuild',
          result: {
            ...equal,
            equal: false,
            differences: [
              { id: 'mob-x', problem: 'content', paths: ['phase'] },
              { id: 'mob-y', problem: 'missing' },
            ],
          },
        }),
      ),
    ).toEqual({ state: 'different', id: 'mob-x', problem: 'content', paths: ['phase'], count: 2 });
    expect(percent(5, 20)).toBe(25);
    expect(percent(5, undefined)).toBeUndefined();
  });

  it('shows an item as a tree, withheld personal fields said so', () => {
    expect(
      toTree({ name: { $redacted: true }, units: ['a'], n: 2, gone: { $erased: true } }),
    ).toEqual({
      kind: 'object',
      entries: [
        { key: 'name', node: { kind: 'hidden', reason: 'redacted' } },
        { key: 'units', node: { kind: 'array', items: [{ kind: 'value', text: 'a' }] } },
        { key: 'n', node: { kind: 'value', text: '2' } },
        { key: 'gone', node: { kind: 'hidden', reason: 'erased' } },
      ],
    });
  });

  it('cuts the history at the version or the instant of the as-of view', () => {
    const entries = [
      { version: 1, recordedAt: '2027-01-01T10:00:00Z' },
      { version: 2, recordedAt: '2027-02-01T10:00:00Z' },
    ];
    expect(entriesUntil(entries, { asOfVersion: 1 }).map((e) => e.version)).toEqual([1]);
    expect(entriesUntil(entries, { asOf: '2027-01-31T23:59:59Z' }).map((e) => e.version)).toEqual([
      1,
    ]);
    expect(entriesUntil(entries, {})).toHaveLength(2);
  });

  it('keeps one export subject from the URL and drops malformed ids', () => {
    expect(validateAuditSearch({ mobility: 'mob-annija', partnership: 'p' })).toEqual({
      mobility: 'mob-annija',
    });
    expect(validateAuditSearch({ institution: '../x', q: '  mob  ' })).toEqual({ q: 'mob' });
  });
});
