/**
 * `npm run bench`: runs every bench/*.bench.ts module (compiled next to this file) one after the other,
 * prints a markdown table of the figures and writes bench/results.json. Benchmarks measure; they never
 * fail the build — figures that miss their goal are marked, and `--strict` makes them exit non-zero.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BenchResult } from './types';

interface BenchModule {
  run(): Promise<BenchResult[]>;
}

function formatValue(r: BenchResult): string {
  const v = Math.abs(r.value) >= 100 || Number.isInteger(r.value) ? r.value.toFixed(0) : r.value.toPrecision(3);
  return `${v} ${r.unit}`;
}

/**
 * Value / target, where the goal names a non-zero number ("< 50 MB", "<= 1.05"): how far from the goal
 * a figure is (below 1 is inside an upper bound). Goals such as "= 0" have no ratio.
 */
function goalRatio(r: BenchResult): number | undefined {
  const m = /-?\d+(\.\d+)?/.exec(r.goal ?? '');
  const target = m ? Number(m[0]) : 0;
  return target === 0 ? undefined : r.value / target;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const rows: (BenchResult & { bench: string; ratio?: number })[] = [];
  for (const file of files) {
    const bench = file.replace(/\.bench\.js$/, '');
    console.error(`running ${bench}...`);
    const started = Date.now();
    const mod = (await import(path.join(__dirname, file))) as BenchModule;
    for (const r of await mod.run()) rows.push({ bench, ...r, ratio: goalRatio(r) });
    console.error(`  ${bench} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const lines = [
    '| bench | figure | value | goal | ratio | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.bench} | ${r.figure} | ${formatValue(r)} | ${r.goal ?? ''} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} | ${r.ok === undefined ? '' : r.ok ? 'yes' : '**no**'} |`),
  ];
  console.log(lines.join('\n'));
  const out = path.resolve(__dirname, '../../../bench/results.json');
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, results: rows }, null, 2));
  console.error(`wrote ${path.relative(process.cwd(), out)}`);
  if (process.argv.includes('--strict') && rows.some((r) => r.ok === false)) process.exit(1);
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
