/** The filter targets the field selector offers, grouped as the user thinks of them. */
import { FieldDef, fields, networkEventFilterFields } from '../../model/fields';
import { eitherTargetNames, resolveTarget, ResolvedTarget } from '../../model/filters';

export type TargetGroup = 'source' | 'destination' | 'either' | 'common' | 'events';
export const targetGroups: readonly TargetGroup[] = ['source', 'destination', 'either', 'common', 'events'];

export interface TargetChoice {
  /** The name the filter grammar takes. */
  target: string;
  group: TargetGroup;
  resolved: ResolvedTarget;
}

function choice(target: string, group: TargetGroup): TargetChoice[] {
  const resolved = resolveTarget(target);
  return resolved ? [{ target, group, resolved }] : [];
}

export const targetChoices: readonly TargetChoice[] = [
  ...fields.filter((f: FieldDef) => f.filter).flatMap((f) => choice(f.name, f.group)),
  ...eitherTargetNames.flatMap((name) => choice(name, 'either')),
  ...networkEventFilterFields.flatMap((f) => choice(f.name, 'events')),
];

/** For a side's field or a side-less target, the next one of "source → destination → either → source". */
export function nextSide(target: string): string | undefined {
  const resolved = resolveTarget(target);
  if (!resolved) return undefined;
  if (resolved.either) return resolved.fields[0].name;
  const field = resolved.fields[0];
  if (!field.peer) return undefined;
  if (field.group === 'source') return field.peer;
  // Destination → the side-less name: the source field's name without "Src".
  return eitherTargetNames.find((n) => resolveTarget(n)?.fields[1].name === field.name);
}
