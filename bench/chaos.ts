// npm run chaos: the full chaos run (2,000 deliveries, 20% of Zendesk calls failing, one SIGKILL), printed with a
// PASS/FAIL per check; exits 1 if any check fails. Needs PostgreSQL: DATABASE_URL or TEST_DATABASE_URL.
// Knobs for exploring: CHAOS_DELIVERIES, CHAOS_FAILURE_RATE, CHAOS_SEED, CHAOS_RATE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chaosChecks, formatChaos } from './lib/chaos/report.js';
import { runChaos } from './lib/chaos/run.js';
import { postgresUrl } from './lib/postgres.js';

const url = postgresUrl();
if (!url) {
  console.error('npm run chaos needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).');
  process.exit(2);
}
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

const report = await runChaos({
  postgresUrl: url,
  deliveries: num('CHAOS_DELIVERIES', 2_000),
  duplicateShare: 0.3,
  followUpShare: 0.15,
  approvalShare: 0.25,
  failureRate: num('CHAOS_FAILURE_RATE', 0.2),
  seed: num('CHAOS_SEED', Date.now() % 100_000),
  ratePerSecond: num('CHAOS_RATE', 60),
  killAt: 0.4,
  downMs: 2_000,
  settleTimeoutMs: num('CHAOS_TIMEOUT_S', 540) * 1000,
  log: (l) => console.log(l),
});
console.log(formatChaos(report));
const checks = chaosChecks(report);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const { output, ...rest } = report;
writeFileSync(`${dir}chaos.json`, JSON.stringify({ ...rest, checks }, null, 2) + '\n');
console.log('results written to bench/results/chaos.json');
if (checks.some((c) => !c.pass)) {
  console.log(output);
  process.exitCode = 1;
}
