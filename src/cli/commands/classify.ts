import type { Classification } from '../../classify/types.js';
import { optionalFile, parseCommandArgs } from '../args.js';
import { classify } from '../engine.js';
import type { CliIO } from '../io.js';
import { runPerTicket, step } from './per-ticket.js';

export async function classifyCommand(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseCommandArgs('classify', args, {});
  const file = optionalFile('classify', positionals);
  return runPerTicket('classify', file, io, ({ id, thread }) =>
    classificationLine(id, step('classifier', () => classify(thread))),
  );
}

/** The documented output shape, keys in a fixed order so diffs between runs stay readable. */
export function classificationLine(id: string, c: Classification) {
  const s = c.slots;
  return {
    id,
    branch: c.branch,
    slots: {
      topic: s.topic,
      directoryService: s.directoryService,
      usernamesChange: s.usernamesChange,
      choice: s.choice,
      product: s.product,
      language: s.language,
    },
    confidence: c.confidence,
    autoSend: c.autoSend,
    evidence: c.evidence,
  };
}
