// Whether sending a reply with no human has been earned on data (the project's rule: 0 wrong auto-sends on every
// labelled set in the repo, or auto-send stays off). test/classify/auto-send-earned.test.ts recomputes it with the
// shipped reader over every labelled set, so this flag can only say "earned" when the data does.
//
// Measured with models/reader.json on the blind test batches (test/fixtures/corpus/test, README "How a ticket is
// read"): 3 wrong of 116 marked for auto-send (b20-009, b20-049, b25-018). Not earned.
export const AUTO_SEND_EARNED = false;

export const AUTO_SEND_NOT_EARNED_REASON =
  'auto-send has not been earned: the shipped reader marked 3 wrong replies for auto-send on the blind test batches ' +
  '(README "How a ticket is read"); it stays off until a reader scores 0 wrong on every labelled set';
