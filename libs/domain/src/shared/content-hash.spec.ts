import { contentHash } from './content-hash';
import { ageOn, daysBetween, monthsBetween } from './dates';

describe('contentHash', () => {
  it('is SHA-256 of the canonical JSON, independent of key order', () => {
    expect(contentHash({ b: 1, a: 'x' })).toBe(contentHash({ a: 'x', b: 1 }));
    // sha256('{"a":"x","b":1}')
    expect(contentHash({ a: 'x', b: 1 })).toBe(
      'sha256:' +
        require('node:crypto').createHash('sha256').update('{"a":"x","b":1}').digest('hex'),
    );
  });
  it('changes when any value changes', () =>
    expect(contentHash({ a: 'x' })).not.toBe(contentHash({ a: 'y' })));
});

describe('dates', () => {
  it('counts days and whole months', () => {
    expect(daysBetween('2027-03-01', '2027-03-31')).toBe(30);
    expect(monthsBetween('2027-01-15', '2027-04-14')).toBe(2);
    expect(monthsBetween('2027-01-15', '2027-04-15')).toBe(3);
  });
  it('turns 18 on the birthday, not before', () => {
    expect(ageOn('2009-05-10', '2027-05-09')).toBe(17);
    expect(ageOn('2009-05-10', '2027-05-10')).toBe(18);
  });
});
