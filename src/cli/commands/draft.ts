import type { Branch, Language } from '../../classify/types.js';
import { optionalFile, parseCommandArgs } from '../args.js';
import { classify, renderReply } from '../engine.js';
import type { CliIO } from '../io.js';
import { runPerTicket, step } from './per-ticket.js';

export interface DraftLine {
  id: string;
  branch: Branch;
  language: Language;
  /** null for off-topic: no reply is drafted for tickets outside the topic. */
  template: { id: string; version: string } | null;
  /** Markdown (the ticket system's format); empty for off-topic. */
  text: string;
}

export async function draftCommand(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseCommandArgs('draft', args, {});
  const file = optionalFile('draft', positionals);
  return runPerTicket('draft', file, io, ({ id, thread }): DraftLine => {
    const c = step('classifier', () => classify(thread));
    const { branch } = c;
    const { language, product } = c.slots;
    if (branch === 'off-topic') return { id, branch, language, template: null, text: '' };
    const reply = step('rendering the reply', () =>
      renderReply({ branch, language, product, requesterName: thread.requesterName, slots: c.slots }, 'markdown'),
    );
    return { id, branch, language, template: { id: reply.templateId, version: reply.version }, text: reply.text };
  });
}
