/**
 * Whether a JSON object has the field `name` of its own: `required: ["toString"]` is not met by
 * the `toString` every object inherits, and a field named `__proto__` is a field like any other.
 */
export const hasField = (o: object, name: string): boolean => Object.hasOwn(o, name);
