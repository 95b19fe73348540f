import { isJsonObject } from './json-object-check';

/** The reference: what JSON.parse accepts as one object. */
function parsesToObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

const flowLine = JSON.stringify({
  TimeFlowStartMs: 1795438198422,
  SrcAddr: '10.129.2.18',
  SrcK8S_Name: 'dns-default-vlb4p',
  Proto: 17,
  Interfaces: ['fe5ef8af10487ef', 'br-ex'],
  IfDirections: [0, 1],
  NetworkEvents: [{ Feature: 'acl', Type: 'NetworkPolicy', Action: 'drop', Name: 'deny "all"\\', Namespace: 'iperf' }],
  Udns: [],
  Rtt: -1.5e-3,
  Empty: {},
  Flag: true,
  Other: false,
  Nothing: null,
  Unicode: 'é \u2028 \ud83d\ude00 \u0001',
});

describe('isJsonObject', () => {
  it.each([
    ['a flow line', flowLine],
    ['an empty object', '{}'],
    ['white space around and inside', ' \t\r\n{ "a" : [ 1 , { } ] , "b" :"x" }\n'],
    ['every escape', '{"s":"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D"}'],
    ['numbers of every form', '{"n":[0,-0,12,-3.25,1e5,1E+5,2.5e-3]}'],
    ['nesting to the depth bound', `${'{"a":'.repeat(64)}1${'}'.repeat(64)}`],
  ])('accepts %s', (_name, text) => {
    expect(parsesToObject(text)).toBe(true);
    expect(isJsonObject(text)).toBe(true);
  });

  it.each([
    ['an empty text', ''],
    ['plain text', 'not json'],
    ['an array', '[1,2]'],
    ['a string', '"{}"'],
    ['a number', '42'],
    ['null', 'null'],
    ['two objects', '{}{}'],
    ['an object then more', '{"a":1},"fields":{"b":2}'],
    ['a cut object', '{"a":1'],
    ['a trailing comma', '{"a":1,}'],
    ['a missing colon', '{"a" 1}'],
    ['an unquoted key', '{a:1}'],
    ['single quotes', "{'a':1}"],
    ['a raw newline in a string', '{"a":"x\ny"}'],
    ['a bad escape', '{"a":"\\x41"}'],
    ['a short unicode escape', '{"a":"\\u12"}'],
    ['a leading zero', '{"a":01}'],
    ['a bare minus', '{"a":-}'],
    ['a dangling decimal point', '{"a":1.}'],
    ['an empty exponent', '{"a":1e}'],
    ['NaN', '{"a":NaN}'],
    ['a misspelt literal', '{"a":tru}'],
    ['a literal run on', '{"a":truex}'],
    ['a byte order mark', '\ufeff{}'],
    ['a non-JSON space', '{\u00a0}'],
    ['nesting beyond the bound', `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`],
  ])('refuses %s', (_name, text) => {
    expect(isJsonObject(text)).toBe(false);
  });

  it('does not overflow the stack on hostile nesting', () => {
    expect(isJsonObject(`{"a":${'['.repeat(1_000_000)}`)).toBe(false);
  });

  it('agrees with JSON.parse on 20,000 mutations of a flow line', () => {
    // A small deterministic generator (mulberry32), so that a failure can be replayed.
    let seed = 5;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = '{}[]",:\\ \n\t-+.0123456789eEtruefalsnul/bfu\u0001\u00e9';
    let disagreements = 0;
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const chars = [...flowLine];
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * chars.length);
        const c = alphabet[Math.floor(random() * alphabet.length)];
        const op = random();
        if (op < 0.4) chars[at] = c;
        else if (op < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      const text = chars.join('');
      const expected = parsesToObject(text);
      if (expected) accepted++;
      if (isJsonObject(text) !== expected) disagreements++;
    }
    expect(disagreements).toBe(0);
    // Both kinds were exercised.
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19_000);
  });
});
