/**
 * `oidc-provider` 9 and `openid-client` 6 are ES modules only. They are loaded when first needed,
 * by a dynamic `import()`: with `"module": "nodenext"` TypeScript keeps `import()` as it is in the
 * CommonJS it emits (`nest build`), and Node runs it natively; under `-r @swc-node/register` it
 * becomes `require()`, which Node ≥ 20.19 resolves to the ES module (`require(esm)`, on by
 * default there). Nothing loads them at start-up, so the rest of the API — and jest, which can
 * load neither — never needs them.
 */
export type OidcProviderModule = typeof import('oidc-provider');
export type OpenIdClientModule = typeof import('openid-client');

export const loadOidcProvider = (): Promise<OidcProviderModule> => import('oidc-provider');
export const loadOpenIdClient = (): Promise<OpenIdClientModule> => import('openid-client');
