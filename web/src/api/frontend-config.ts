/**
 * `GET /api/frontend-config`: what the backend's configuration tells the page (enabled features,
 * columns, quick filters, sampling). Every part is optional: the page falls back on the catalogue's
 * defaults for what the backend does not say.
 */
import { Feature, RecordType } from '../model/fields';

export interface QuickFilter {
  name: string;
  /** Filters in the grammar of web/src/model/filters.ts. */
  filter: string;
  default?: boolean;
}

export interface FrontendConfig {
  /** Optional agent features enabled in the cluster. */
  features?: Feature[];
  /** Column names (catalogue fields) shown by default. */
  columns?: string[];
  quickFilters?: QuickFilter[];
  recordTypes?: RecordType[];
  /** Agent sampling ratio (1 in N packets). */
  sampling?: number;
}
