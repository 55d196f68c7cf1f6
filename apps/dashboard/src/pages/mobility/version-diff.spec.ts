import { agreementChanges, mouChanges, showValue } from './version-diff';

describe('the diff the page shows (the CLI’s field-by-field diff)', () => {
  it('two agreement versions: changed, added and removed fields, version number ignored', () => {
    const v1 = {
      version: 1,
      plannedPeriod: { start: '2027-03-01', end: '2027-03-28' },
      lifeSkills: ['a'],
    };
    const v2 = {
      version: 2,
      plannedPeriod: { start: '2027-03-01', end: '2027-03-21' },
      insurance: { provider: 'BTA' },
    };
    expect(agreementChanges(v1, v2)).toEqual([
      {
        path: 'content.plannedPeriod.end',
        kind: 'changed',
        before: '2027-03-28',
        after: '2027-03-21',
      },
      { path: 'content.lifeSkills', kind: 'removed', before: ['a'] },
      { path: 'content.insurance', kind: 'added', after: { provider: 'BTA' } },
    ]);
    expect(agreementChanges(v1, { ...v1, version: 7 })).toEqual([]);
  });

  it('MoU documents: parties matched by institution id', () => {
    const doc = (role: string) => ({
      parties: [
        { institutionId: 'sol', role },
        { institutionId: 'rtrit', role: 'sending' },
      ],
    });
    expect(mouChanges(doc('host'), doc('intermediary'))).toEqual([
      {
        path: 'document.parties[institutionId=sol].role',
        kind: 'changed',
        before: 'host',
        after: 'intermediary',
      },
    ]);
  });

  it('values in a cell: text, lists, redacted and erased fields, absent', () => {
    expect(showValue('x')).toEqual({ kind: 'text', text: 'x' });
    expect(showValue(['a', 'b'])).toEqual({ kind: 'text', text: 'a, b' });
    expect(showValue({ $redacted: true })).toEqual({ kind: 'redacted' });
    expect(showValue({ $erased: true })).toEqual({ kind: 'erased' });
    expect(showValue(undefined)).toEqual({ kind: 'absent' });
  });
});
