// Pure: `--redact` for exported tickets. E-mail addresses, phone numbers and the signature block (found by the same
// segmentation the classifier uses to ignore signatures) are replaced by a marker. What stays is the customer's
// statement, which is what the labels describe. Redaction can change a reading: a username list written as
// addresses, or a product named only in the signature, is gone (README, "Export").
import { segmentMessage } from '../classify/clean-text.js';
import type { Thread } from '../classify/types.js';

export const EMAIL_MARK = '[email]';
export const PHONE_MARK = '[phone]';
export const SIGNATURE_MARK = '[signature]';

// Local part and domain as RFC 5322 allows in practice; the domain needs a dot so `DOMAIN\jdoe` or `@here` stay.
const EMAIL = /[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// A number introduced as a phone number ("Tel.", "Phone:", "Mobil", "Fax") …
const LABELLED_PHONE = /\b(tel(?:efon|ephone)?|phone|fon|mobil(?:e)?|handy|cell|fax)(\.?:?\s*)(\+?[\d(][\d\s()./-]{4,}\d)/giu;
// … or anything that looks like one: an international or trunk prefix, then at least 7 digits in all.
const PHONE = /(?<![\p{L}\p{N}.])(?:\+|00|0|\(0)[\d\s()./-]{5,}\d(?![\p{L}\p{N}])/gu;
const digits = (s: string): number => s.replace(/\D/g, '').length;

export function redactText(text: string): string {
  const withoutSignature = cutSignature(text);
  return withoutSignature
    .replace(EMAIL, EMAIL_MARK)
    .replace(LABELLED_PHONE, (_m, label: string, sep: string, num: string) => (digits(num) >= 5 ? `${label}${sep}${PHONE_MARK}` : _m))
    .replace(PHONE, (m) => (digits(m) >= 7 ? PHONE_MARK : m));
}

function cutSignature(text: string): string {
  const signatures = segmentMessage(text).filter((s) => s.kind === 'signature');
  let out = text;
  // Back to front, so earlier offsets stay valid.
  for (const s of signatures.sort((a, b) => b.start - a.start)) out = `${out.slice(0, s.start)}${SIGNATURE_MARK}${out.slice(s.end)}`;
  return out;
}

/** The thread with every message redacted; the requester's name is dropped. */
export function redactThread(t: Thread): Thread {
  return {
    subject: t.subject.replace(EMAIL, EMAIL_MARK),
    body: redactText(t.body),
    ...(t.comments ? { comments: t.comments.map((c) => ({ author: c.author, body: redactText(c.body) })) } : {}),
  };
}
