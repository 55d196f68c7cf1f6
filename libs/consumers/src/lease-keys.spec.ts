import { LEASE_KEYS } from './lease-keys';

describe('lease keys', () => {
  it('every single-runner job has a key of its own', () => {
    const keys = Object.values(LEASE_KEYS);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
