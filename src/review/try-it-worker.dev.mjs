// Development and tests run the TypeScript sources through tsx, which a worker thread does not inherit: this
// bootstrap loads the worker's .ts through tsx's API. The compiled service uses dist/review/try-it-worker.js directly.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./try-it-worker.ts', import.meta.url);
export default mod.default?.default ?? mod.default;
