import canonicalize from 'canonicalize';

/**
 * Equal as data, whatever the key order: what the store gives back is the canonical (key-sorted)
 * JSON it hashed, so a command's data and a recorded event's data differ in key order.
 */
export const canonical = (value: unknown): string => canonicalize(value) ?? 'undefined';
export const sameContent = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
