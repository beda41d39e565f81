// `m365-guide doctor [--post-test-note TICKET_ID] [--json]`: checks the configuration in the environment against the
// live Zendesk and Slack, one line per check with what to do. Exit 0 when nothing failed, 1 otherwise, 2 for a
// configuration the service would refuse to start with. Writes nothing unless --post-test-note.
import { ConfigError, loadConfig, type Config } from '../../config.js';
import { exitCode, formatChecks } from '../../ops/doctor/check.js';
import { askServiceForWebhook, runDoctor } from '../../ops/doctor/run-doctor.js';
import { parseCommandArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';

export async function doctorCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('doctor', args, {
    'post-test-note': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`, 'doctor');
  const ticket = values['post-test-note'];
  if (ticket !== undefined && !/^[1-9]\d{0,15}$/.test(ticket)) throw new UsageError('--post-test-note needs a Zendesk ticket id (a number)', 'doctor');
  let config: Config;
  try {
    config = loadConfig(io.env ?? process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`m365-guide doctor: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const checks = await runDoctor({ config, postTestNote: ticket ?? null, lastWebhook: () => askServiceForWebhook(config) });
  io.stdout.write(values.json ? `${JSON.stringify({ ok: exitCode(checks) === 0, checks })}\n` : formatChecks(checks));
  return exitCode(checks);
}
