/**
 * The drawer's sections: source, destination, then the common fields in a "Flow" section and one
 * section per agent feature, each with the fields the record has, in catalogue order.
 */
import { Feature, FieldDef, fields } from '../../model/fields';
import { Flow } from '../../model/flow';

export type SectionId = 'source' | 'destination' | 'flow' | Feature;

export interface DetailSection {
  id: SectionId;
  fields: FieldDef[];
}

const order: SectionId[] = ['source', 'destination', 'flow', 'NetworkEvents', 'PacketDrop', 'FlowRTT', 'DNSTracking', 'PacketTranslation', 'UDNMapping', 'IPSec', 'Zones', 'MultiCluster'];

function sectionOf(f: FieldDef): SectionId {
  // Translated addresses are a feature of their own, whichever side they belong to.
  if (f.feature === 'PacketTranslation') return 'PacketTranslation';
  if (f.group !== 'common') return f.group;
  return f.feature ?? 'flow';
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

export function detailSections(flow: Flow): DetailSection[] {
  const values = flow as Record<string, unknown>;
  const bySection = new Map<SectionId, FieldDef[]>();
  for (const f of fields) {
    if (!present(values[f.name])) continue;
    const id = sectionOf(f);
    bySection.set(id, [...(bySection.get(id) ?? []), f]);
  }
  return order.filter((id) => bySection.has(id)).map((id) => ({ id, fields: bySection.get(id) as FieldDef[] }));
}
