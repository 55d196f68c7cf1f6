/**
 * `oidc-provider` 9 and `openid-client` 6 are ES modules only. They are loaded when first needed,
 * by a dynamic `import()`: with `"module": "nodenext"` TypeScript keeps `import()` as it is in the
 * CommonJS it emits (`nest build`), and Node runs it natively; under `-r @swc-node/register` it
 * becomes `require()`, which Node ≥ 20.19 resolves to the ES module (`require(esm)`, on by
 * default there). Nothing loads them at start-up, so the rest of the API — and jest, which can
 * load neither — never needs them. Their types come through type-only imports with the `import`
 * resolution mode (a `typeof import('…')` type stopped the build's path-alias rewriting).
 */
import type * as OidcProvider from 'oidc-provider' with { 'resolution-mode': 'import' };
import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };

export type OidcProviderModule = typeof OidcProvider;
export type OpenIdClientModule = typeof OpenIdClient;

export const loadOidcProvider = (): Promise<OidcProviderModule> => import('oidc-provider');
export const loadOpenIdClient = (): Promise<OpenIdClientModule> => import('openid-client');
