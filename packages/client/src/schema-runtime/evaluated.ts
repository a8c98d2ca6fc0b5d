/**
 * What a schema has evaluated of a value, for `unevaluatedProperties` and `unevaluatedItems`:
 * the JSON Schema annotations of `properties`, `patternProperties`, `additionalProperties`,
 * `prefixItems`, `items`, `contains` and the `unevaluated*` keywords themselves, gathered from
 * the schema and every subschema applied in place that succeeded. Only schemas that need it
 * build one.
 */
export interface Evaluated {
  /** The fields evaluated, or `true` for all of them. */
  props: Set<string> | true;
  /** Items `0 … items - 1` are evaluated (`Infinity`: all of them). */
  items: number;
  /** Other items evaluated (by `contains`), or `null`. */
  matched: Set<number> | null;
}

/** Nothing evaluated yet. */
export const evaluated = (): Evaluated => ({ props: new Set(), items: 0, matched: null });

/** Field `name` was evaluated. */
export function seeProp(a: Evaluated, name: string): void {
  if (a.props !== true) a.props.add(name);
}

/** Every field was evaluated. */
export function seeAllProps(a: Evaluated): void {
  a.props = true;
}

/** Items `0 … count - 1` were evaluated (`Infinity`: all of them). */
export function seeItems(a: Evaluated, count: number): void {
  if (count > a.items) a.items = count;
}

/** Item `index` was evaluated (by `contains`). */
export function seeItem(a: Evaluated, index: number): void {
  if (!a.matched) a.matched = new Set();
  a.matched.add(index);
}

/** Whether field `name` was evaluated. */
export const seenProp = (a: Evaluated, name: string): boolean =>
  a.props === true || a.props.has(name);

/** Whether item `index` was evaluated. */
export const seenItem = (a: Evaluated, index: number): boolean =>
  index < a.items || a.matched?.has(index) === true;

/** Adds what `from` evaluated (a subschema that succeeded) to `into`. */
export function mergeEvaluated(into: Evaluated, from: Evaluated): void {
  if (from.props === true) into.props = true;
  else for (const name of from.props) seeProp(into, name);
  seeItems(into, from.items);
  if (from.matched) for (const index of from.matched) seeItem(into, index);
}
