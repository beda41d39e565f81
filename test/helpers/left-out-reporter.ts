// Lists, by name, every test the run left out (registered as skipped), after vitest's own summary, which only
// counts them. The reason is part of each skipped test's name or its block's (e.g. "[left out: TEST_DATABASE_URL
// not set]", "[left out: ../shared/corpus/dev.jsonl is not beside this clone]"), so this list says why as well.
import type { Reporter, TestModule } from 'vitest/node';

export default class LeftOutReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests('skipped')) lines.push(`  - ${m.relativeModuleId} > ${t.fullName}`);
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nLeft out: ${lines.length} test${lines.length === 1 ? '' : 's'} (skipped, reason in the name)\n${lines.join('\n')}\n`);
  }
}
