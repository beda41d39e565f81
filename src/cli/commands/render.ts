import { BRANCHES, LANGUAGES, PRODUCTS } from '../../classify/types.js';
import type { Branch } from '../../classify/types.js';
import { UsageError, oneOf, parseCommandArgs } from '../args.js';
import { renderReply } from '../engine.js';
import { writeOut } from '../io.js';
import type { CliIO } from '../io.js';

// off-topic has no template: such tickets get no reply, so it is not a valid --branch here.
const REPLY_BRANCHES = BRANCHES.filter((b): b is Exclude<Branch, 'off-topic'> => b !== 'off-topic');

export async function renderCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('render', args, {
    branch: { type: 'string' },
    lang: { type: 'string' },
    product: { type: 'string' },
    name: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`, 'render');
  const branch = oneOf('render', 'branch', values.branch, REPLY_BRANCHES);
  const language = oneOf('render', 'lang', values.lang, LANGUAGES);
  const product = oneOf('render', 'product', values.product, PRODUCTS, 'unknown');
  const name = values.name?.trim();
  const reply = renderReply({ branch, language, product, requesterName: name === '' ? undefined : name }, 'markdown');
  await writeOut(io.stdout, reply.text.endsWith('\n') ? reply.text : reply.text + '\n');
  return 0;
}
