/** A JSON Schema (2020-12) object; kept as plain JSON so it round-trips through the database untouched. */
export type JsonSchema = Record<string, unknown>;

/** The answers of one filled-in form. */
export type FormData = Record<string, unknown>;

export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
