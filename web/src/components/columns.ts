/** The table's columns: the backend's choice or the catalogue's defaults, minus disabled features. */
import { FrontendConfig } from '../api/frontend-config';
import { defaultColumns, FieldDef, getField } from '../model/fields';

export function tableColumns(config: FrontendConfig | undefined): FieldDef[] {
  const names = config?.columns?.length ? config.columns : defaultColumns;
  const features = config?.features;
  return names
    .map((n) => getField(n))
    .filter((f): f is FieldDef => f !== undefined)
    .filter((f) => !f.feature || !features || features.includes(f.feature));
}
