/**
 * Which columns the table shows, in which order: the user's choice, remembered per browser profile
 * (the console's user) in localStorage, checked against the columns this cluster offers.
 */
import { FieldDef } from '../../model/fields';

export const columnsStorageKey = 'netobserv-plugin/flows-table/columns';

/** The stored names that still exist, in their stored order; the defaults when nothing usable is stored. */
export function restoreColumns(stored: string | null, available: readonly FieldDef[], defaults: readonly FieldDef[]): FieldDef[] {
  if (!stored) return [...defaults];
  let names: unknown;
  try {
    names = JSON.parse(stored);
  } catch {
    return [...defaults];
  }
  if (!Array.isArray(names)) return [...defaults];
  const byName = new Map(available.map((f) => [f.name, f]));
  const chosen = names.map((n) => (typeof n === 'string' ? byName.get(n) : undefined)).filter((f): f is FieldDef => f !== undefined);
  return chosen.length > 0 ? [...new Set(chosen)] : [...defaults];
}

export function storeColumns(columns: readonly FieldDef[]): string {
  return JSON.stringify(columns.map((c) => c.name));
}

/** The list with the item at `from` moved by `delta` places (clamped to the list's ends). */
export function moveItem<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, from + delta));
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
