export const UI_WIDGETS = ['text', 'textarea', 'select', 'radio', 'date', 'checkbox', 'email', 'tel'] as const;
export type UiWidget = (typeof UI_WIDGETS)[number];

/** How one field (or section) is presented. Nothing here changes what data is valid. */
export interface UiField {
  /** Input control; when absent the client picks one from the schema type, format and enum. */
  widget?: UiWidget;
  helpLv?: string;
  helpEn?: string;
  placeholder?: string;
  /** For an object (a section) or the items of an array of objects: child property names in display order. */
  order?: string[];
}

/**
 * Presentation of a form version.
 *
 * - `order`: top-level property names in display order; properties not listed follow in schema order.
 * - `fields`: keyed by the JSON pointer of the data field, e.g. `/applicant/personalCode`;
 *   the items of an array use `*` as the index, e.g. `/children/∗/birthDate` (an ASCII asterisk).
 *   A section's own entry (`/applicant`) may carry `order` for its children.
 *
 * Every pointer must exist in the JSON Schema; publishing checks it.
 */
export interface UiSchema {
  order: string[];
  fields: Record<string, UiField>;
}

export const emptyUiSchema = (): UiSchema => ({ order: [], fields: {} });
