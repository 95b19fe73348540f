/**
 * Header layout of the flows table: consecutive source (or destination) columns are grouped under a
 * "Source" (or "Destination") header; other columns span both header rows.
 */
import { FieldDef, FieldGroup } from '../../model/fields';

export interface HeaderGroup {
  group: FieldGroup;
  columns: FieldDef[];
}

export function headerGroups(columns: readonly FieldDef[]): HeaderGroup[] {
  const groups: HeaderGroup[] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (last && last.group === c.group && c.group !== 'common') last.columns.push(c);
    else groups.push({ group: c.group, columns: [c] });
  }
  return groups;
}
