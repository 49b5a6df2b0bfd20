/** Plain data (objects, arrays, Dates, primitives), copied all the way down. */
export function copyPlainData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || (Object.getPrototypeOf(value) !== Object.prototype && Object.prototype.toString.call(value) === '[object Date]')) {
    return new Date((value as unknown as Date).getTime()) as T;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlainData(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) out[key] = copyPlainData((value as Record<string, unknown>)[key]);
  return out as T;
}
