import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'ecvet:public-route';
/** Marks a public operation in the OpenAPI document until `setUpOpenApi` declares it so. */
export const PUBLIC_EXTENSION = 'x-ecvet-public';

/**
 * A route anyone may call without signing in: health, the API documentation (no data), the
 * sign-in flow and the signing-link pages (the link is their credential).
 */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_EXTENSION, true));
