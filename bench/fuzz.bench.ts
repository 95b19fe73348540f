/**
 * 100 k seeded hostile cases through the filter grammar, the LogQL builders and the PromQL builder
 * (see fuzz-cases.ts for the oracle). Reports the rate and the failures, printing the first few.
 */
import { fuzzSeed, runFuzz } from './fuzz-cases';
import { BenchResult } from './types';

const cases = Number(process.env.FUZZ_CASES ?? 100_000);

export async function run(): Promise<BenchResult[]> {
  const { ms, failures } = runFuzz(cases, fuzzSeed);
  for (const f of failures.slice(0, 5)) console.error(`fuzz failure: ${f.problems.join('; ')}\n  case: ${JSON.stringify(f.c).slice(0, 500)}`);
  return [
    { figure: `fuzz cases checked (seed ${fuzzSeed})`, value: cases, unit: 'cases' },
    { figure: 'fuzz rate (grammar + LogQL flows + LogQL metrics + PromQL, lezer-parsed)', value: (cases / ms) * 1000, unit: 'cases/s' },
    { figure: 'fuzz failures', value: failures.length, unit: 'cases', goal: '= 0', ok: failures.length === 0 },
  ];
}
