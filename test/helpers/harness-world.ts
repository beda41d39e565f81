// One fake Zendesk, one PGlite store and the app on them for a describe block, torn down after it.
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { storeKinds } from '../store/helpers.js';
import { startHarness, type Harness } from './harness.js';

export interface HarnessWorld {
  zd: FakeZendesk;
  store: Store;
  h: Harness;
}

/** Fields are filled in beforeAll; `configure` runs on the fake before the app starts; `env` adds to the app's config. */
export function useHarnessWorld(configure: (zd: FakeZendesk) => void = () => undefined, env: Record<string, string> = {}): HarnessWorld {
  const w = {} as HarnessWorld;
  beforeAll(async () => {
    w.zd = await new FakeZendesk().start();
    configure(w.zd);
    w.store = await storeKinds()[0]!.open();
    w.h = await startHarness({ store: w.store, zd: w.zd, env });
  });
  afterAll(async () => {
    await w.h?.close();
    await w.store?.close();
    await w.zd?.stop();
  });
  return w;
}
