// N instances of the real server (child processes) on one PostgreSQL database, behind a pretend load balancer:
// a delivery goes to a random instance in its pool. One can be SIGKILLed and started again mid-run; like a real
// load balancer, the pool notices a dead instance only after a health-check interval, so some deliveries hit it.
import type { FlakyZendesk } from '../../../test/fakes/flaky-zendesk.js';
import { serviceEnv, startServiceProcess, type Service } from '../service.js';

export class Cluster {
  private readonly instances: Array<Service | null>;
  /** What the load balancer routes to: lags behind a kill by HEALTH_CHECK_MS. */
  private readonly pool: Array<Service | null>;
  kills = 0;
  restarts = 0;

  private constructor(
    private readonly env: Record<string, string>,
    count: number,
  ) {
    this.instances = Array.from({ length: count }, () => null);
    this.pool = Array.from({ length: count }, () => null);
  }

  static async start(zd: FlakyZendesk, databaseUrl: string, count: number, extra: Record<string, string>): Promise<Cluster> {
    const c = new Cluster(serviceEnv(zd, { DATABASE_URL: databaseUrl, ...extra }), count);
    // One after the other: the first boot runs the migrations, the others find them done.
    for (let i = 0; i < count; i++) c.instances[i] = c.pool[i] = await startServiceProcess(c.env);
    return c;
  }

  live(): Service[] {
    return this.instances.filter((s): s is Service => s !== null && s.child.exitCode === null && s.child.signalCode === null);
  }

  /** An instance from the load balancer's pool (maybe one that just died), picked with `random`; null if empty. */
  pick(random: () => number): Service | null {
    const pool = this.pool.filter((s): s is Service => s !== null);
    return pool.length ? pool[Math.floor(random() * pool.length)]! : null;
  }

  async kill(i: number, healthCheckMs = 1_000): Promise<void> {
    const s = this.instances[i];
    this.instances[i] = null;
    if (s) await s.kill('SIGKILL');
    this.kills++;
    setTimeout(() => {
      if (this.pool[i] === s) this.pool[i] = null;
    }, healthCheckMs).unref();
  }

  async restart(i: number): Promise<void> {
    this.instances[i] = this.pool[i] = await startServiceProcess(this.env);
    this.restarts++;
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((s) => s?.kill('SIGTERM')));
  }

  output(): string {
    return this.instances.map((s, i) => `--- instance ${i} ---\n${s?.output().slice(-4000) ?? '(down)'}`).join('\n');
  }
}
