// Runs the benchmarks (npm run bench [-- NAME…]) one after another in this process and writes their figures to
// bench/results/latest.json (git-ignored). Benches are bench/*.bench.ts (found automatically) plus the files in
// LISTED, for benches whose file name predates that convention. Each exports `default async (): BenchResult`.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';

const LISTED = ['classify-render.ts'];

const dir = fileURLToPath(new URL('.', import.meta.url));
const discovered = readdirSync(dir).filter((f) => f.endsWith('.bench.ts'));
const files = [...new Set([...LISTED, ...discovered])].sort();
const nameOf = (file: string): string => file.replace(/(\.bench)?\.ts$/, '');

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !files.some((f) => nameOf(f) === w));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')}; available: ${files.map(nameOf).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length === 0 ? files : files.filter((f) => wanted.includes(nameOf(f)));

const startedAt = new Date().toISOString();
const results: BenchResult[] = [];
for (const file of selected) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { default?: () => Promise<BenchResult> };
  if (typeof mod.default !== 'function') {
    console.error(`${file}: no default export to run; skipped`);
    continue;
  }
  const result = await mod.default();
  console.log(result.summary);
  results.push(result);
}

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const report = {
  startedAt,
  finishedAt: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cpuCount: cpus().length,
  results,
};
writeFileSync(`${resultsDir}latest.json`, JSON.stringify(report, null, 2) + '\n');
console.log(`results written to bench/results/latest.json`);
if (results.some((r) => r.pass === false)) process.exitCode = 1;
