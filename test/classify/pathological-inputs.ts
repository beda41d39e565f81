// Huge and pathological texts (regex backtracking, quote/signature scanners, username extraction). The property
// test checks classify() stays correct on them; bench/unit-timings.bench.ts checks it stays fast (a wall-clock
// limit in a unit test fails on a loaded machine for reasons that are not the code's).
export const PATHOLOGICAL_TEXTS: readonly string[] = [
  'a'.repeat(1_000_000),
  'Active Directory LDAP rename keep not '.repeat(30_000),
  '> x\n'.repeat(50_000),
  'a. '.repeat(100_000),
  ' '.repeat(200_000),
  'Op x\n'.repeat(5_000),
  ('On Mon wrote:\n'.repeat(3) + 'x ').repeat(5_000),
  '\n'.repeat(100_000),
  "'".repeat(50_000),
  '@'.repeat(50_000) + 'a@b.local '.repeat(5_000),
  'DOMAIN\\'.repeat(20_000),
];
