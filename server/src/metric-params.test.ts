import { BadRequestError } from './flow-params';
import { parseMetricParams } from './metric-params';

const now = 1_700_000_000;
const parse = (q: Record<string, string>) => parseMetricParams({ startTime: String(now - 3600), endTime: String(now), ...q }, { maxRangeDays: 30 }, now);

function refusal(q: Record<string, string>): string {
  try {
    parse(q);
  } catch (e) {
    if (e instanceof BadRequestError) return e.message;
    throw e;
  }
  throw new Error('expected a 400');
}

describe('metric params: breakdown', () => {
  it('is absent unless asked for', () => {
    expect(parse({ type: 'droppedPackets' }).request.breakdown).toBeUndefined();
    expect(parse({ type: 'droppedPackets', breakdown: '' }).request.breakdown).toBeUndefined();
  });

  it.each([
    ['droppedPackets', 'dropCause'],
    ['droppedBytes', 'dropState'],
    ['dnsLatency', 'dnsRcode'],
    ['flows', 'dnsRcode'],
    ['networkEvents', 'eventAction'],
    ['networkEvents', 'eventPolicy'],
  ])('accepts %s by %s', (type, breakdown) => {
    const fn = type === 'dnsLatency' ? 'p99' : 'rate';
    expect(parse({ type, breakdown, function: fn }).request).toMatchObject({ type, breakdown, fn });
  });

  it('refuses an unknown breakdown, naming the parameter and the choices', () => {
    expect(refusal({ breakdown: 'dropReason' })).toBe('breakdown: "dropReason" is not one of dropCause, dropState, dnsRcode, eventAction, eventPolicy, ipsecStatus');
  });

  it('refuses a breakdown the type does not carry, saying which types it applies to', () => {
    expect(refusal({ type: 'bytes', breakdown: 'dropCause' })).toBe('breakdown: dropCause does not apply to bytes (it applies to droppedBytes, droppedPackets)');
    expect(refusal({ type: 'rtt', function: 'avg', breakdown: 'dnsRcode' })).toBe('breakdown: dnsRcode does not apply to rtt (it applies to dnsLatency, flows)');
    expect(refusal({ type: 'flows', breakdown: 'eventPolicy' })).toMatch(/^breakdown: eventPolicy does not apply to flows \(it applies to networkEvents\)$/);
  });

  it('refuses the parameter given twice', () => {
    expect(() => parseMetricParams({ type: 'droppedPackets', breakdown: ['dropCause', 'dropState'] }, { maxRangeDays: 30 }, now)).toThrow(/^breakdown: give the parameter once$/);
  });
});
