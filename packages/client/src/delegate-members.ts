/**
 * Makes `target` (a class prototype) pass for `source` (`Request.prototype`,
 * `Response.prototype`): `instanceof` holds, and every member `target` does not define itself is
 * read from a real instance that `real(self)` builds on first use. The fast path (the members the
 * client reads) never builds one; code that reaches for anything else gets the platform's own
 * behaviour.
 */
export function delegateMembers(
  target: object,
  source: object,
  real: (self: object) => object,
): void {
  for (const key of Reflect.ownKeys(source)) {
    if (key === 'constructor' || Object.hasOwn(target, key)) continue;
    Object.defineProperty(target, key, {
      configurable: true,
      get(this: object) {
        const instance = real(this);
        const value = Reflect.get(instance, key, instance);
        return typeof value === 'function' ? value.bind(instance) : value;
      },
    });
  }
  Object.setPrototypeOf(target, source);
}
