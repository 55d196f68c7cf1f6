import { startTestApi, type TestApi } from '../support/api-app';

/** Express's compiled `trust proxy` of the API: whom it takes X-Forwarded-For from. */
type TrustFn = (address: string, hop: number) => boolean;
const trustOf = (api: TestApi) =>
  (api.app.getHttpAdapter().getInstance() as { get(name: string): TrustFn }).get('trust proxy fn');

describe('TRUST_PROXY', () => {
  it('unset: no proxy is trusted, X-Forwarded-For is ignored', async () => {
    const api = await startTestApi('trust_proxy_off');
    try {
      expect(trustOf(api)('127.0.0.1', 0)).toBe(false);
    } finally {
      await api.close();
    }
  });

  it('a hop count trusts that many proxies in front, no more', async () => {
    const api = await startTestApi('trust_proxy_hops', { TRUST_PROXY: '1' });
    try {
      expect(trustOf(api)('10.0.0.5', 0)).toBe(true);
      expect(trustOf(api)('10.0.0.5', 1)).toBe(false);
    } finally {
      await api.close();
    }
  });

  it('a list trusts those addresses and ranges only', async () => {
    const api = await startTestApi('trust_proxy_list', { TRUST_PROXY: 'loopback,10.0.0.0/8' });
    try {
      expect(trustOf(api)('127.0.0.1', 0)).toBe(true);
      expect(trustOf(api)('10.2.3.4', 0)).toBe(true);
      expect(trustOf(api)('192.0.2.7', 0)).toBe(false);
    } finally {
      await api.close();
    }
  });
});
