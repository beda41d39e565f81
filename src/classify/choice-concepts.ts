// The two ideas a choice is made of, in English and German: renaming / leaving the directory (RENAME_*), and
// keeping the directory as it is (KEEP). extract-choice.ts decides from negation, mood and hedging which of them
// the customer actually chose.
import { ACCEPT_IDIOM, DECIDE, DS_NOUN, ENTRA, gap, NAMES_NOUN, OPTIONS, POLITE_PLAN, POST_NEGATOR, rx, rxg, UNDECIDED } from './patterns.js';

const M365_TARGET = String.raw`(?:microsoft|m365|ms ?365|office ?365)`;
// Where users can come from once switched: Microsoft 365 by any name, or its directory ("from 365", "from Entra ID").
const M365_SOURCE = String.raw`(?:(?:microsoft |ms |office |m)?365\b|${ENTRA})`;

/** Renaming itself, or leaving the current directory for good. Positive only with a stated wish. */
export const RENAME_STRONG = rxg(
  [
    String.raw`\bre-?nam\w*|\bumbenenn\w*|\bumbenannt\w*|\bumzubenennen\b`,
    String.raw`\bbenenn\w*${gap(6)} um\b`,
    String.raw`\b(?:completely|fully|entirely|komplett|vollständig|gänzlich|ganz)\b${gap(4)} (?:(?:to|auf|zu|onto|on) )?(?:the )?${M365_TARGET}`,
    String.raw`\b(?:switch\w*|mov\w+|go|going|convert\w*|migrat\w+)${gap(3)} ${M365_TARGET}\S*${gap(3)} (?:completely|fully|entirely)\b`,
    String.raw`\b(?:retire|drop|get rid of|replace|ditch|abandon|decommission|abschaffen|ablösen|loswerden|loszuwerden)\b${gap(4)} (?:the |our |die |den |das )?(?:old |alte\w* )?${DS_NOUN}`,
  ].join('|'),
);

/**
 * "MailStore should get its users from 365", "soll die Benutzer aus Microsoft 365 beziehen": the sync source becomes
 * Microsoft 365. Alone that is only the goal of the conversion (extract-choice.ts uses it only as the "but" half of
 * "AD stays for now, but MailStore should get its users from 365", where what stays is not MailStore's directory).
 */
export const USERS_FROM_M365 = rxg(
  [
    String.raw`\b(?:get|gets|take|takes|pull|fetch|sync|syncs|synchroni[sz]e)\b${gap(2)} (?:its |their |the |all )?(?:users|accounts)${gap(2)} (?:from|out of) (?:the )?${M365_SOURCE}`,
    String.raw`\b(?:benutzer|konten)${gap(2)} (?:aus|von) (?:dem |der )?${M365_SOURCE}${gap(2)} (?:beziehen|holen|synchronisieren|bekommen|abgleichen)\b`,
  ].join('|'),
);
/** The clause opens a contrast with what came before. */
export const CONTRAST_START = rx(String.raw`^(?:but|aber|however|jedoch|sondern|though)\b`);

/** "We no longer need the old directory": the negation is part of the rename idea, not against it. */
export const RENAME_DROP_DIRECTORY = rxg(
  String.raw`${DS_NOUN}${gap(4)} (?:brauchen|benötigen|need|use)${gap(2)} (?:nicht mehr|no longer|not any ?more)|(?:no longer need|nicht mehr (?:brauchen|benötigen))${gap(3)} (?:the |den |das )?(?:old |alte\w* )?${DS_NOUN}`,
);

/** Names or the directory changing. A choice only when refused ("must not change") or accepted ("don't mind"). */
export const RENAME_WEAK = rxg(
  [
    String.raw`(?:${NAMES_NOUN}|\bthey\b|\bsie\b|\bdaran\b)${gap(4)} (?:change|changes|changed|ändern|geändert|verändern|ändert)\b`,
    String.raw`\b(?:chang\w+|touch\w*|modify\w*|anfassen|ändern|verändern|switch\w*|umstellen|wechseln)${gap(3)} (?:the |our |die |den |am |an den )?${DS_NOUN}`,
    String.raw`${DS_NOUN}${gap(4)} (?:ändern|change|changed|touched|modified|altered|anfassen|angefasst|geändert|verändert|umstellen|umgestellt|wechseln)\b`,
    String.raw`\bnothing changes?\b|\bnichts${gap(3)} ändern\b`,
  ].join('|'),
);

const SUBJECT_GAP = String.raw`(?: (?!and\b|und\b|we\b|wir\b|i\b|ich\b|but\b|aber\b|our\b|unser\w*|they\b|sie\b)\S+){0,4}?`;
const KEEP_VERB = String.raw`\b(?:keep\w*|behalten|behält|beibehalten|belassen|weiter ?(?:hin )?(?:nutzen|verwenden|betreiben)|continue (?:to use|using)|stick with|bestehen lassen)\b`;
const KEEP_NOT_DIRECTORY = String.raw`(?! (?:access|running|working|in mind|track|an eye|up|receiving|getting|their archive|ihre archive|zugriff|the archive|mails?|e-?mails?)\b)`;
/** Keeping the directory or the names as they are. */
export const KEEP = rxg(
  [
    String.raw`${KEEP_VERB}${KEEP_NOT_DIRECTORY}`,
    // The directory or the names are the subject: "the AD sync has to stay", not "we are on X and will stay there".
    String.raw`(?:${DS_NOUN}|${NAMES_NOUN}|\bsync\b)${SUBJECT_GAP} (?:stay|stays|remain|remains|bleib\w*|bestehen)\b`,
    // "Wir bleiben bei unserem AD", "we'll stay with LDAP": the customer stays, the directory is the object.
    String.raw`\b(?:bleiben|bleibt|stay|staying|remain|remaining) (?:\S+ )?(?:bei|with) (?:dem |der |unserem |unserer |the |our |this )?(?:current |aktuellen |bisherigen |jetzigen )?${DS_NOUN}`,
    String.raw`\bleav\w*${gap(4)} (?:as it is|as is|alone|unchanged|untouched|in place)`,
    String.raw`\blassen\b(?= .{0,30}\b(?:bestehen|so|wie|unverändert|in ruhe|weiterlaufen)\b)|\b(?:bestehen|so|unverändert) lassen\b`,
    String.raw`(?:${DS_NOUN}|\bit\b|\bes\b)${gap(3)} (?:as it is|as is|unchanged|untouched|unverändert|wie (?:er|es|sie) ist)`,
  ].join('|'),
);
/** A keep verb needs something directory-like to keep ("keep it unchanged", "AD behalten"). */
export const KEEP_OBJECT = rx(String.raw`${DS_NOUN}|${NAMES_NOUN}|\bit\b (?:unchanged|as it is|as is)|\bes so\b`);

export const HYBRID_NAMED = rxg(
  String.raw`\bhybrid\w*[-\s]?(?:option|path|approach|way|route|variant|solution|weg|variante|lösung|ansatz|methode|method)\b|\b(?:option|variante|weg|path|approach|route)${gap(2)} ["'„“]?hybrid|\bgo hybrid\b|\bhybrid (?:it is|please|bitte)\b`,
);

/** "Only the archiving": the definition of the hybrid choice; weak on its own. */
export const ONLY_ARCHIVING = rxg(
  String.raw`\b(?:only|just|nur|lediglich|ausschließlich|solely|merely)\b${gap(6)} (?:the )?archiv\w*|\barchiv\w* only\b`,
);
/** …and it must be about what to change ("we just know archiving stopped" is not a scope). */
export const ONLY_ARCHIVING_ACTION = rx(String.raw`\b(?:mov|switch|chang|convert|migrat|fix|get|need|want|would like|'d like|umstell|umzustell|stell|brauch|möcht|woll|soll|geht|bring|move)\w*`);
export const ONLY_ARCHIVING_NOT_A_CHOICE = rx(String.raw`\bleft\b|\bremaining\b|\bübrig\b|\bfehlt\b|\bmissing\b|\bnoch offen\b|\bstill\b|\bpart\b`);

/** "while keeping our directory", "ohne die Benutzer umzubenennen": a constraint even inside a how-question. */
export const KEEP_CONSTRAINT = rxg(
  String.raw`\bwhile keeping\b${gap(3)} (?:the |our )?${DS_NOUN}|\bwithout (?:changing|touching|renaming|replacing)\b|\bohne${gap(4)} (?:zu ändern|umzubenennen|anzufassen|zu wechseln)\b|\bohne (?:umbenennung|änderung)\b|\bunter beibehaltung\b`,
);

export const IMPERATIVE = rx(
  String.raw`^(?:(?:so|also|then|dann|please|bitte|ok|okay|yes|ja|fine|und|and)[,!]? )*(?:rename|keep|leave|drop|replace|retire|behaltet|umbenennen|no |keine |nicht |don't |do not |never |bitte)`,
);
export const NEGATED_START = rx(String.raw`^(?:(?:bitte|please|also|so)[,!]? )?(?:no|keine?|nicht|don't|do not|never|niemals|under no circumstances)\b`);

// Words that state a decision. DECIDE_PLAIN_RE is those alone; DECIDE_RE also counts a polite first-person plan
// ("wir würden daher …"), so the two tell how a decision was read.
const DECIDE_WORDS = String.raw`${DECIDE}|\bveto\w*|\btake\b|\bgo for\b|\bway to go\b|\bgo ahead\b|\bproceed with\b|\bmachen wir\b|\bnehmen wir\b|\bwählen\b|\bgewünscht\b|\berwünscht\b|\bwanted\b|\bdesired\b|\bwe rename\b|\bwir benennen\b|\bwe keep\b|\bwir behalten\b|\bwir lassen\b`;
export const DECIDE_PLAIN_RE = rx(DECIDE_WORDS);
export const DECIDE_RE = rx(`${DECIDE_WORDS}|${POLITE_PLAN}`);
/** The polite plan alone: where DECIDE_PLAIN_RE already failed, DECIDE_RE reduces to it (one long scan saved). */
export const POLITE_PLAN_ALONE_RE = rx(POLITE_PLAN);
export const ACCEPT_RE = rxg(ACCEPT_IDIOM);
export const OPTIONS_RE = rx(OPTIONS);
export const ALTERNATIVE = rx(String.raw`\bor\b|\boder\b|\bvs\b|\bversus\b|\bbzw\b|\bvs\.|/`);
export const UNDECIDED_RE = rxg(UNDECIDED);
export const POST_NEGATOR_RE = rx(String.raw`^${gap(4)} ?['"”’]? ?(?:,|-|–)? ?${POST_NEGATOR}`);
