import { FieldDef, getField } from '../../model/fields';
import { detailSections } from './detail-sections';
import { filterOnValue } from './filter-on-value';

const field = (n: string) => getField(n) as FieldDef;

describe('detail sections', () => {
  it('groups present fields by side, common and feature, in a fixed order', () => {
    const sections = detailSections({
      SrcAddr: '10.0.0.1',
      DstPort: 443,
      Bytes: 10,
      XlatDstAddr: '10.0.0.9',
      TimeFlowRttNs: 5,
      PktDropBytes: 3,
      NetworkEvents: [{ Action: 'allow' }],
      Interfaces: [],
      SrcK8S_Name: '',
    });
    expect(sections.map((s) => [s.id, s.fields.map((f) => f.name)])).toEqual([
      ['source', ['SrcAddr']],
      ['destination', ['DstPort']],
      ['flow', ['Bytes']],
      ['NetworkEvents', ['NetworkEvents']],
      ['PacketDrop', ['PktDropBytes']],
      ['FlowRTT', ['TimeFlowRttNs']],
      ['PacketTranslation', ['XlatDstAddr']],
    ]);
  });
  it('has no section for an empty flow', () => {
    expect(detailSections({})).toEqual([]);
  });
});

describe('filter on a value', () => {
  it('is "field = value" for filterable scalars', () => {
    expect(filterOnValue(field('SrcK8S_Namespace'), 'my ns')).toEqual({ target: 'SrcK8S_Namespace', op: '=', values: ['my ns'] });
    expect(filterOnValue(field('DstPort'), 443)).toEqual({ target: 'DstPort', op: '=', values: ['443'] });
  });
  it('is nothing for unfilterable fields, arrays, or values the grammar refuses', () => {
    expect(filterOnValue(field('NetworkEvents'), [{ Action: 'allow' }])).toBeUndefined();
    expect(filterOnValue(field('SrcAddr'), 'not an ip')).toBeUndefined();
    expect(filterOnValue(field('SrcPort'), 99999999)).toBeUndefined();
  });
});
