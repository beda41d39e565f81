// What the Zendesk worker, sender and reconcile loop may use: injected, so tests run them against fakes.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../config.js';
import type { Store, DraftRow } from '../store/types.js';
import type { ApiUserCheck } from './api-user.js';
import type { ZendeskClient } from './client.js';

export interface Metrics {
  inc(name: string, labels?: Record<string, string>, by?: number): void;
  observe(name: string, value: number, labels?: Record<string, string>): void;
}
export const noMetrics: Metrics = { inc() {}, observe() {} };

export interface WorkerContext {
  config: Config;
  store: Store;
  zendesk: ZendeskClient;
  log: Logger;
  now: () => Date;
  metrics: Metrics;
  /**
   * Called in the transaction that stores a draft, with the transaction's store, so that rows a hook enqueues (the
   * Slack card) commit with the draft or not at all. Hooks must not call the network.
   */
  onDraftCreated: Array<(draft: DraftRow, tx: Store) => Promise<void>>;
  /** Called after a draft was approved, rejected, posted or superseded by any door (Slack updates its card). */
  onDraftDecided: Array<(draft: DraftRow, store: Store) => Promise<void>>;
  /** What the API user's role allows (read once, at boot or on first use; see api-user.ts). */
  apiUser: () => Promise<ApiUserCheck>;
  /** Auto-send kill switch, shared by every instance (stored in meta). */
  autoSendKilled: () => Promise<boolean>;
}
