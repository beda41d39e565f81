// The training run's printout: what was compared, what was chosen, and the figures of the shipped model.
import type { ReaderModelFile } from '../src/classify/reader-model.js';
import { table } from '../src/cli/format-eval.js';
import type { SetFigures } from './figures.js';
import { bestOption, type OptionScore } from './train-reader.js';

const SLOTS = ['topic', 'directoryService', 'usernamesChange', 'choice', 'branch'] as const;

export function formatReport(file: ReaderModelFile): string {
  const h = file.header as {
    chosen: Record<string, unknown>;
    figures: Record<string, SetFigures>;
    validationPerFile: Record<string, { tickets: number; rulesBranch: number; modelBranch: number; combinedBranch: number; autoSend: SetFigures['autoSend'] }>;
    validationReliability: Array<{ from: number; to: number; tickets: number; correct: number }>;
  };
  const out: string[] = [];
  out.push('Chosen per slot');
  for (const [slot, c] of Object.entries(h.chosen)) out.push(`  ${slot}: ${JSON.stringify(c)}`);
  out.push(`  calibration: ${JSON.stringify(file.calibration)}; auto-send threshold per branch ${JSON.stringify(file.autoSendThreshold)}`, '');
  for (const [name, f] of Object.entries(h.figures)) {
    out.push(`${name} (${f.tickets} tickets): right answers, rules / model / combined`);
    const r = SLOTS.map((s) => [s, `${f.rules[s]}`, `${f.model[s]}`, `${f.combined[s]}`, `${((f.combined[s] / f.tickets) * 100).toFixed(1)}%`]);
    out.push(...table([['', 'rules', 'model', 'combined', ''], ...r], ['l', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`));
    out.push(`  auto-send: ${f.autoSend.eligible}/${f.autoSend.onTopic} on-topic eligible, ${f.autoSend.wrong} wrong; misses by harm ${JSON.stringify(f.harm)}; narrower-and-wrong in band ${f.narrowerWrongInBand}`, '');
  }
  out.push('Validation per file: branch right, rules / model / combined; auto-send eligible (wrong)');
  const pf = Object.entries(h.validationPerFile).map(([path, f]) => [path, `${f.rulesBranch}/${f.tickets}`, `${f.modelBranch}/${f.tickets}`, `${f.combinedBranch}/${f.tickets}`, `${f.autoSend.eligible}/${f.autoSend.onTopic} (${f.autoSend.wrong})`]);
  out.push(...table(pf, ['l', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`), '');
  out.push('Validation reliability (calibrated confidence vs branch right)');
  const bins = h.validationReliability.map((b) => [`${b.from.toFixed(2)}–${b.to.toFixed(2)}`, String(b.tickets), b.tickets ? `${((b.correct / b.tickets) * 100).toFixed(0)}%` : '-']);
  out.push(...table([['confidence', 'tickets', 'right'], ...bins], ['l', 'r', 'r']).map((l) => `  ${l}`));
  return out.join('\n') + '\n';
}

export function formatComparison(c: Record<string, OptionScore[]>, validationTickets: number): string {
  const out = ['Validation accuracy / log-loss per slot, feature set and L2'];
  for (const [slot, scores] of Object.entries(c)) {
    out.push(`  ${slot}`);
    const best = bestOption(scores, validationTickets);
    const rows = scores.map((s) => [s.features, String(s.l2), `${(s.accuracy * 100).toFixed(1)}%`, s.logLoss.toFixed(3), s === best ? '<- best' : '']);
    out.push(...table([['features', 'l2', 'accuracy', 'log-loss', ''], ...rows], ['l', 'r', 'r', 'r', 'l']).map((l) => `    ${l}`));
  }
  return out.join('\n') + '\n';
}
