import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { InvalidRequest } from '../problem-details/problem-details';
import { ecmaPattern } from './openapi-constraints';
import { ID, ID_MESSAGE, VERSION_MAX } from './dto-fields';

/**
 * Path parameters with the form the server checks and the document declares, in one place:
 * an id that cannot exist (not a slug or UUID) is a 400, like any other invalid field.
 */
function documentedParam(
  name: string,
  schema: Record<string, unknown>,
  pipe: PipeTransform,
): ParameterDecorator {
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam({ name, required: true, schema })(target, key, descriptor);
  };
}

/** `@IdParam('mobilityId') id: string` */
export const IdParam = (name: string) =>
  documentedParam(
    name,
    { type: 'string', pattern: ecmaPattern(ID), maxLength: 100 },
    {
      transform(value: unknown) {
        if (typeof value === 'string' && ID.test(value)) return value;
        throw new InvalidRequest([{ name, reason: ID_MESSAGE(name) }]);
      },
    },
  );

/** `@VersionParam() version: number`: 1, 2, … */
export const VersionParam = (name = 'version') =>
  documentedParam(
    name,
    { type: 'integer', minimum: 1, maximum: VERSION_MAX },
    {
      transform(value: unknown) {
        const version = typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? +value : 0;
        if (version >= 1 && version <= VERSION_MAX) return version;
        throw new InvalidRequest([
          { name, reason: `${name} must be an integer from 1 to ${VERSION_MAX}` },
        ]);
      },
    },
  );
