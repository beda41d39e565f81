// What a signature looks like. Used by clean-text.ts to stop signatures (names, company names, job titles) from
// counting as the customer's statement, while a product line in them ("MailStore Server 23.2") stays readable.

/** Lines that open a signature on their own: the RFC 3676 delimiter and mobile-client footers. */
export const SIGNATURE_START = /^(?:-- ?|--)$|^\s*(?:sent from my|gesendet von meinem|von meinem \S+(?: \S+)? gesendet|get outlook for)\b/i;

const PHRASE = [
  String.raw`(?:danke|thanks|thank you|vielen dank)(?:\s+(?:und|and|&))?\s+(?:viele\s+|beste\s+|liebe\s+|freundliche\s+)?(?:grüße|grüsse|gruß|gruss|regards)`,
  String.raw`(?:mit\s+)?(?:freundlichen|freundliche|viele|vielen|beste|besten|liebe|lieben|herzliche|herzlichen|schöne|sonnige)\s+grü(?:ß|ss)en?`,
  String.raw`(?:gruß|gruss|grüße|grüsse)`,
  String.raw`(?:(?:best|kind|warm|warmest|many|with\s+kind|with\s+best|all\s+the\s+best)\s+)?(?:regards|wishes)`,
  String.raw`(?:cheers|best|thanks(?:\s+again|\s+in\s+advance)?|thank\s+you(?:\s+in\s+advance)?|many\s+thanks|thx|ty|br|kr|rgds|danke(?:\s+schön|\s+im\s+voraus)?|dankeschön|vielen\s+dank|besten\s+dank|vg|lg|mfg|bg)`,
];
// After the formula only a name may follow ("Thanks, Raj", "Gruß aus Kiel"), never more prose.
// Case-sensitive on purpose: with the `i` flag `\p{Lu}` would match lower-case words too.
const TAIL = /^[,.!]?(?:\s*(?:(?:aus|from|von)\s+)?(?:\p{Lu}[\p{L}.'-]*[,.]?\s*){0,4})?[,.!]?$/u;
const PHRASE_START = new RegExp(`^(?:${PHRASE.join('|')})`, 'iu');

/** "Regards,", "Viele Grüße", "Thanks, Raj", "Gruß aus Kiel"; not "Danke für die Übersicht". */
export function isClosingLine(trimmed: string): boolean {
  const m = PHRASE_START.exec(trimmed);
  if (!m) return false;
  const rest = trimmed.slice(m[0].length);
  if (/^[\p{L}\p{N}]/u.test(rest)) return false; // "Bestellung", "Thanksgiving"
  return TAIL.test(rest);
}

// Content words that never belong to a signature, so a short last line like "AD, usernames jdoe" or "Keep it."
// stays content.
const CONTENT_WORD = /active directory|\bAD\b|\bldap\b|user ?names?|benutzer|verzeichnis|rename|umbenenn|microsoft 365|modern|\bm365\b|\bkeep\b|behalt|\bhybrid\b|\byes\b|\bno\b|\bja\b|\bnein\b|\boption\b|variante|\bfirst\b|\bsecond\b|\berste|\bzweite/i;
// Company forms end with a dot ("Co.", "Lda.", "s.r.o."); a sentence ending in a dot is content.
const COMPANY_DOT = /(?:\b(?:ltd|co|inc|corp|lda|gmbh|ag|kg|llc|llp|pty|plc|sp|ab|as|oy|bv|nv|sa|srl|sarl|mbh)|\p{L}\.\p{L}+)\.$/iu;

/** Short, title-like line: a name, a company, a job title, a phone number, a product version. */
export function lineIsSignatureLike(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.length > 80) return false;
  if (/[?:;!]$/.test(t)) return false;
  if (t.split(/\s+/).length > 8) return false;
  if (CONTENT_WORD.test(t)) return false;
  if (t.endsWith('.') && !COMPANY_DOT.test(t)) return false;
  return true;
}
