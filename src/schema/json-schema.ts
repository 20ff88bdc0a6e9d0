/** The one type the schema layer passes around: a JSON Schema object (draft-07) as plain data. */
export interface JsonSchema {
  [keyword: string]: unknown;
}
