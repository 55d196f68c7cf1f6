import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ecvet:public-route';

/**
 * A route anyone may call without signing in: health, the API documentation (no data), the
 * sign-in flow and the signing-link pages (the link is their credential).
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
