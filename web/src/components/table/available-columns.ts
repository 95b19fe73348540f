/** Every catalogue field the cluster can produce: optional features only when enabled (or unknown). */
import { Feature, FieldDef, fields } from '../../model/fields';

export function availableColumns(features: readonly Feature[] | undefined): FieldDef[] {
  return fields.filter((f) => !f.feature || !features || features.includes(f.feature));
}
