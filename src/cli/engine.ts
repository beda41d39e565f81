// The one place where the CLI reaches into the classifier and the reply renderer, so commands, tests and the bench
// share a single seam.
export { autoSendThreshold, classify } from '../classify/index.js';
export { renderReply } from '../replies/index.js';
