/** A record as it travels in JSON: Dates become ISO 8601 strings, the rest stays as it is. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/**
 * Converts the Dates of a database record into ISO strings, so handlers return exactly what the
 * response schemas document (and the type checker compares the two).
 */
export function toJson<T>(value: T): Jsonified<T> {
  if (value instanceof Date) return value.toISOString() as Jsonified<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => toJson(v)) as Jsonified<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)])) as Jsonified<T>;
  }
  return value as Jsonified<T>;
}
