import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { DATE } from './dto-fields';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * The request DTOs' class-validator decorators are what the server enforces; this copies them into
 * the OpenAPI metadata of the same properties (before the document is built), so the document
 * states exactly what a request must satisfy and nobody repeats a constraint by hand: required
 * (no `@IsOptional`), types (`@IsInt` is an integer), lengths, patterns, enums, bounds, array
 * sizes, formats. What the validators cannot say (a custom check) stays in the DTO's own
 * `@ApiProperty`, which this never overrides.
 */
export function declareValidationConstraints(): void {
  // The storage keeps its metadata per class in a (TypeScript-private) map.
  const byTarget = Reflect.get(getMetadataStorage(), 'validationMetadatas') as Map<
    Class,
    ValidationMetadata[]
  >;
  for (const [target, metadatas] of byTarget) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of metadatas)
      byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, own] of byProperty) declareProperty(target, property, own);
  }
}

type Schema = Record<string, unknown>;
type Class = abstract new (...args: never[]) => unknown;

/** Where `@ApiProperty` keeps a property's options (@nestjs/swagger's DECORATORS constant). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

function declareProperty(target: Class, property: string, metadatas: ValidationMetadata[]) {
  const key = API_MODEL_PROPERTIES;
  const prototype = target.prototype as object;
  const existing = Reflect.getMetadata(key, prototype, property) as Schema | undefined;
  if (!existing) return; // not documented: the whitelist refuses it, and so does the document
  const conditional = metadatas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
  const own: Schema = {};
  const items: Schema = {};
  for (const m of metadatas) {
    if (m.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
    const into = m.each ? items : own;
    const constraint = constraintOf(m);
    for (const [name, value] of Object.entries(constraint)) into[name] ??= value;
  }
  // A day (`IsDay`): the pattern admits no time, so the format is the date's alone.
  if (own.anyOf && own.pattern === ecmaPattern(DATE)) {
    delete own.anyOf;
    own.format = 'date';
  }
  const merged: Schema = { ...existing };
  // A property that states its own alternatives (`oneOf` …) keeps them as they are.
  const combined = ['oneOf', 'anyOf', 'allOf'].some((k) => k in existing);
  // The validators decide whether a property may be left out (`@IsOptional`, `@ValidateIf`).
  merged.required = conditional.length === 0;
  for (const [name, value] of Object.entries(combined ? {} : own)) {
    if (name === 'type') {
      if (value === 'integer' && isNumeric(merged.type)) merged.type = 'integer';
      else if (merged.type === undefined || merged.type === Object) merged.type = value;
    } else if (merged[name] === undefined) merged[name] = value;
  }
  if (Object.keys(items).length > 0 && !combined) {
    const current = (merged.items as Schema | undefined) ?? {};
    const itemType = merged.type !== 'array' && merged.type !== Array ? merged.type : undefined;
    const next: Schema = {
      ...(itemType && typeof itemType !== 'function' ? { type: itemType } : {}),
      ...current,
    };
    if (typeof itemType === 'function' && itemType !== Object && !isClass(itemType))
      next.type ??= primitiveName(itemType);
    for (const [name, value] of Object.entries(items)) {
      if (name === 'type')
        next.type = value === 'integer' || next.type === undefined ? value : next.type;
      else next[name] ??= value;
    }
    if (!isClass(merged.type)) {
      merged.items = next;
      merged.type = 'array';
      delete merged.isArray;
    }
  }
  if (!combined) forbidNul(merged);
  if (merged.items && typeof merged.items === 'object') forbidNul(merged.items as Schema);
  Reflect.defineMetadata(key, merged, prototype, property);
}

/** The validation pipe refuses U+0000 in any text (problem-details.ts): so does the document. */
export const NO_NUL = '^[^\\u0000]*$';
function forbidNul(schema: Schema): void {
  const isText = schema.type === 'string' || schema.type === String;
  if (isText && !schema.pattern && !schema.enum && !schema.format) schema.pattern = NO_NUL;
}

const enumOf = (values: readonly unknown[]): Schema => ({
  ...(values.every((v) => typeof v === 'string') && { type: 'string' }),
  enum: values,
});
const isNumeric = (type: unknown) => type === Number || type === 'number' || type === undefined;
const isClass = (type: unknown): boolean =>
  typeof type === 'function' &&
  ![String, Number, Boolean, Object, Array, Date].includes(type as never);
const primitiveName = (type: { name: string }) => type.name.toLowerCase();

/** One validator as JSON Schema keywords (nothing for those it cannot express). */
function constraintOf(m: ValidationMetadata): Schema {
  const [a, b] = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'maxLength':
      return { maxLength: a };
    case 'minLength':
      return { minLength: a };
    case 'isLength':
      return { minLength: a, ...(b !== undefined && { maxLength: b }) };
    case 'matches':
      return { type: 'string', pattern: ecmaPattern(a as RegExp | string) };
    case 'isIn':
      return enumOf(a as unknown[]);
    case 'isTimeZone':
      // What the server accepts is what the runtime knows (Intl); these are its canonical names.
      return enumOf(Intl.supportedValuesOf('timeZone'));
    case 'isIso8601':
      return {
        type: 'string',
        anyOf: [
          { type: 'string', format: 'date' },
          { type: 'string', format: 'date-time' },
        ],
      };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'min':
      return { minimum: a };
    case 'max':
      return { maximum: a };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isArray':
      return { type: 'array' };
    case 'arrayMinSize':
      return { minItems: a };
    case 'arrayMaxSize':
      return { maxItems: a };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'isObject':
      return { type: 'object' };
    default:
      return {};
  }
}

/**
 * A JavaScript pattern as the document should carry it: shorthand classes spelled out (a JSON
 * Schema pattern is read by tools whose `\d` also matches other scripts' digits).
 */
export function ecmaPattern(pattern: RegExp | string): string {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      i++;
      if (next === 'd') out += inClass ? '0-9' : '[0-9]';
      else if (next === 'w') out += inClass ? 'A-Za-z0-9_' : '[A-Za-z0-9_]';
      else out += `\\${next}`;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}
