// Timeouts the test apps give Zendesk, and the scripted hangs that must outlast them. 400 ms was a fast machine's
// figure: on a loaded 2-core runner an ordinary loopback answer took longer and a healthy call counted as a hang.
// A hang is scripted well above the timeout so the client has given up for sure before the fake answers.
export const TEST_ZENDESK_TIMEOUT_MS = 3_000;
/** A scripted Zendesk hang: answered only after the client gave up (TEST_ZENDESK_TIMEOUT_MS + 3 s). */
export const HANG_PAST_TIMEOUT_MS = TEST_ZENDESK_TIMEOUT_MS + 3_000;
