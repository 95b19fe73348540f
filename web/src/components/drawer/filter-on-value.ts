/** The filter "field = this value" for a drawer value, when the grammar accepts it. */
import { FieldDef } from '../../model/fields';
import { Filter, validateFilter } from '../../model/filters';

export function filterOnValue(field: FieldDef, value: unknown): Filter | undefined {
  if (!field.filter || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const filter: Filter = { target: field.name, op: '=', values: [String(value)] };
  try {
    validateFilter(filter);
    return filter;
  } catch {
    return undefined;
  }
}
