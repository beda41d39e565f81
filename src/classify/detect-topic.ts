// topic: is the ticket about moving MailStore's directory services and/or archiving to Microsoft 365 Modern
// Authentication? Near misses share the vocabulary (IMAP errors, Graph errors, EWS retirement or certificates on
// setups that are ALREADY modern, SMTP AUTH for notifications, licences, restores, MailStore Cloud), so the ticket
// must show a move (modern auth as the goal, basic auth going away for archiving or sync, mail moving to Microsoft
// 365 with a directory to sort out, a stated rename/keep choice) and no hard stop (MailStore Cloud, "no Microsoft
// 365", a setup that is already modern with nothing old left).
import { makeCandidate, type Candidate } from './candidate.js';
import { ALREADY_WORD, AUTH_SEP, gap, M365, MODERN_STATE_CORE, NEGATED_MOVE, rx } from './patterns.js';
import { completedDirectoryMove } from './context.js';
import type { Sentence } from './sentences.js';
import { sentencesOf, type Message, type Source, type ThreadView } from './thread-view.js';
import type { DirectoryService, Topic } from './types.js';

// "auf die moderne Anmeldung umstellen", "modern sign-in": how customers name Modern Authentication in plain words.
const MODERN = rx(String.raw`\bmodern(?:e|en)? auth\w*|\bmoderne\w* (?:authentifizierung|anmeldung|anmeldeverfahren)|\bmodern (?:sign-?in|log-?in|logon)\b|\boauth ?2?\b|\bmodern\b(?= ?[?)-]|$)|${M365}${AUTH_SEP}modern`);
const MODERN_STATE_RE = rx(MODERN_STATE_CORE);
const ALREADY_WORD_RE = rx(ALREADY_WORD);
const BASIC = rx(String.raw`\bbasic[-\s]?auth\w*|\bstandardauthentifizierung\b|\blegacy auth\w*|\bältere\w* (?:anmeldeverfahren|authentifizierung\w*)|\bolder (?:sign-in|authentication|login) methods?|${M365}${AUTH_SEP}basic`);
const SMTP = rx(String.raw`\bsmtp\b|\brelay\b|benachrichtigung\w*|\bnotifications?\b|statusbericht\w*|status reports?`);
// German puts the participle last ("sind zu Microsoft 365 umgezogen"), so the past forms count as well.
const CONVERSION = rx(String.raw`\bumstell\w*|\bumstellung\b|\bumgezogen\b|\bgewechselt\b|\bmigrier\w*|\bumgestiegen\b|\bconver\w*|\bswitch\w*|\bmov\w+|\bmigrat\w+|\bwechs\w+|\bumstieg\b|\bupgrade path\b|\bget \S+ onto\b|\bbring\w*|\bumzieh\w*|->|→|\bstell\w*${gap(8)} um\b`);
const M365_ANY = rx(String.raw`${M365}|\bmodern\b`);
const MAIL_MOVED = rx(String.raw`(?:\bmoved\b|\bmoving\b|\bmigrat\w+|\bswitched\b|\bleaving\b|\bumgezogen\b|\bgewechselt\b|\bwechseln\b|\bliegen${gap(2)} bei\b|\b(?:are|sind|is|ist) (?:now |jetzt |inzwischen |nun |already |bereits |all )?(?:in|bei|on|at)\b|\bsince last year\b|\bnow uses?\b)${gap(6)} (?:to |zu |nach |auf )?(?:the )?${M365}|${M365}${gap(2)} (?:since|seit)\b`);
const M365_MENTION = rx(M365);
const HOW = rx(String.raw`\bhow\b|\bwhat\b|\bwhich\b|\bwie\b|\bwas\b|\bwelche\w*|\bsteps?\b|\bschritte\b|\bvorgehen\b|\bproceed\b|\bprocedure\b|\bsort out\b`);
const CLOUD = rx(String.raw`\bmailstore[-\s]cloud\b`);
// "we're a Google shop, no Microsoft 365 here", "no Office 365 at all": the customer has none. Only when nothing about
// the mail follows ("no Office 365 mail gets archived" is a symptom, not an absence).
const NO_M365_HERE = String.raw`\bno ${M365}(?= ?(?:here|at all|involved|in use|whatsoever|anywhere|[,.;:!)]|$))`;
const NO_MICROSOFT = rx(
  String.raw`\b(?:are|is|sind|ist) not (?:on |in |with |at )?(?:the )?${M365}|\bnot ${M365}|\bkein\w* ${M365}|\bkeine cloud\b|\bno cloud\b|\bno (?:${M365}|microsoft)\S* plans?\b|${NO_M365_HERE}|\bno plans? (?:for|to move to|to switch to) (?:microsoft|${M365})|\bkeine (?:${M365}|microsoft)-?pläne\b|\b(?:stay|staying|will stay|remain|bleiben) (?:on|with|bei) google\b|\bgoogle workspace and (?:will )?stay\b|\b(?:do not|don't|does not|doesn't|never) (?:use|have|run) ${M365}|\bnothing to do with microsoft\b|\bnot (?:with |at |from |on |by )?microsoft\b(?!')|\bnicht (?:bei |von )?microsoft\b|\bkein microsoft\b|\bnichts mit microsoft\b|\bnutzen kein\w* ${M365}|\balles (?:läuft )?lokal\b|\bnot planning to move\b|${NEGATED_MOVE}`,
);
// "die andere ist ja schon umgestellt", "the other tenant is already on modern": an SPE partner or a customer with
// several setups says another one is done, which says nothing about the one the ticket is about.
const OTHER_SETUP = rx(String.raw`\b(?:die|das|der|den) (?:andere|anderen|übrige|übrigen)\b|(?<!\bon )\bthe others?\b(?! hand| way| day)|\bthe rest\b|\bder rest\b`);
const ALREADY = rx(String.raw`\b(?:already|bereits|schon)${gap(6)} (?:converted|umgestellt|migrated|switched|on modern|modern|${M365} \(?modern)|\bconverted (?:them|it|everything)? ?back in\b`);
// A present-tense statement that archiving or sync already runs with modern auth ("archives … with modern
// authentication since we converted"), not a wish ("we need archiving to work with modern authentication").
const RUNS_MODERN = rx(String.raw`\b(?:archives|syncs|synchronizes|synchronises|runs|works|läuft|laufen|archiviert|synchronisiert)\b${gap(8)} (?:with|mit|über|via|using) (?:\S+ ){0,3}?modern\w* auth\w*|\b(?:since|seit) (?:we|wir) (?:converted|switched|migrated|moved|umgestellt|gewechselt)\b`);
const WISH = rx(String.raw`\bneed\w*|\bwant\w*|\bshould\b|\bmust\b|\bmöcht\w*|\bmüssen\b|\bsoll\w*|\bto work\b|\bwould like|\bhow\b|\bwie\b`);
// Every conversion ticket mentions Microsoft 365 in some form; without it (IMAP hosters, Google only) it is off-topic.
const MICROSOFT = rx(String.raw`microsoft|${M365}|\bmodern\b|basic[-\s]?auth|\bentra\b|\bazure\b|standardauthentifizierung|anmeldeverfahren|legacy auth|\bews\b|\boauth`);
// Something old left on a setup whose directory is already modern: an archiving profile still of the Exchange type or
// one with stored credentials (a service account password), or archiving nobody has converted yet.
const OLD_PROFILE = String.raw`\bexchange[-\s]?(?:type |typ )?(?:archiving )?(?:profile|profil|archivierungsprofil)\w*|\bprofil\w* (?:vom |des )?typs? ['"„“]?(?:microsoft )?exchange\b|\bstored (?:credentials|passwords?)\b|\bgespeichert\w* (?:zugangsdaten|anmeldedaten|kennw\w*|passw\w*)|\b(?:nobody|no one|niemand)${gap(3)} (?:touched|converted|changed|angefasst|umgestellt)${gap(3)} (?:the )?archiv\w*|\barchiv\w*${gap(4)} (?:(?:is|are|was|were|has|have) )?(?:not|never|noch nicht|nicht)(?: yet| been)* (?:converted|switched|changed|umgestellt)`;
const REMAINING_OLD = rx(String.raw`\b(?:still|noch|weiterhin)${gap(6)} ['"„“]?(?:microsoft )?(?:exchange|basic|ews)\b`);
// Alone, an Exchange-type profile or stored credentials is just an on-prem or IMAP setup; it only counts as the
// part left over when the directory is already modern.
const OLD_PROFILE_RE = rx(OLD_PROFILE);
// "the profiles are the Microsoft 365 ones, not the old Exchange type": nothing old is left.
const NOT_OLD = rx(String.raw`(?:\bnot|\bno|\bkein\w*|\bnicht)(?: (?:the|an?|any|old|alte\w*|ein\w*|more|mehr))* ?['"„“]?$`);
const ARCHIVING = rx(String.raw`\barchiv\w*|\bprofil\w*`);
// Archiving of Microsoft 365 mailboxes that fails to sign in ("Archivierungsprofile für unsere Office 365 Postfächer
// … Anmeldung fehlgeschlagen", "archiving our M365 mailboxes fails with login failed"): the symptom of Basic
// Authentication being switched off. Only medium: a themed ticket (password, Graph, IMAP, …) stays off-topic.
const SIGN_IN_FAILS = rx(String.raw`\b(?:anmeldung|login|log-?on|sign-?in|authentifizierung|authentication)${gap(1)} (?:fehlgeschlagen|failed|fails|schlägt fehl|schlug fehl)\b|\b(?:failed|fehlgeschlagene) (?:login|logon|sign-?in|anmeldung|authentication)\b`);
const THEME = rx(String.raw`passwor[dt]|kennwort|\brestor\w*|wiederherstell\w*|\bexport\w*|licen[cs]\w*|lizenz\w*|add-?in\b|archivspeicher|\bstorage\b|\bvolume\b|\bport\b|reverse proxy|certificate|zertifikat|\bimap\b|journal\w*|\bsmtp\b|\bgraph\b|\bews\b|\b403\b|aadsts`);

export interface TopicInput {
  view: ThreadView;
  directoryService: DirectoryService;
  dsFromOwnText: boolean;
  choiceStated: boolean;
  /** A rename/keep decision stated only in forwarded mail (an SPE partner passing on the end customer's wish). */
  choiceForwarded: boolean;
  /** Where the stated choice and the directory type were read: evidence when they alone make the ticket on-topic. */
  choiceSupport: Candidate[];
  dsSupport: Candidate[];
}

type Kind = 'strong' | 'medium' | 'weak-move' | 'm365-mention' | 'question' | 'microsoft' | 'stop' | 'already' | 'remaining' | 'old-left' | 'theme';
interface Signal {
  kind: Kind;
  /** Evidence rule id when this signal decides the topic. */
  rule: string;
  message: Message;
  source: Source;
  start: number;
  end: number;
}

function scan(sentence: Sentence, message: Message, source: Source, signals: Signal[]): void {
  const t = sentence.text;
  const add = (kind: Kind, rule: string, m: RegExpExecArray | null): void => {
    if (m) signals.push({ kind, rule, message, source, start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
  };
  add('stop', 'topic.off.mailstore-cloud', CLOUD.exec(t));
  add('stop', 'topic.off.no-microsoft-365', NO_MICROSOFT.exec(t));
  add('theme', 'topic.off.other-subject', THEME.exec(t));
  const other = OTHER_SETUP.test(t);
  const modern = MODERN.exec(t);
  if (modern) {
    const clause = sentence.clauses.find((c) => c.start <= sentence.start + modern.index && sentence.start + modern.index < c.end);
    const text = clause?.text ?? t;
    // "Can 13.2 do modern auth already?" asks whether it could; only a statement with "already" says it is.
    const asks = clause?.isQuestion ?? sentence.isQuestion;
    const state = MODERN_STATE_RE.test(text) || (!asks && ALREADY_WORD_RE.test(text)) || (clause !== undefined && completedDirectoryMove(clause));
    if (!(state && other)) add(state ? 'already' : 'strong', state ? 'topic.off.already-modern' : 'topic.on.modern-auth-goal', modern);
  }
  if (!other) add('already', 'topic.off.already-modern', ALREADY.exec(t));
  if (!WISH.test(t) && !other) add('already', 'topic.off.already-modern', RUNS_MODERN.exec(t));
  add('microsoft', 'topic.on.microsoft', MICROSOFT.exec(t));
  if (!SMTP.test(t)) add('strong', 'topic.on.basic-auth-ending', BASIC.exec(t));
  // "Do the profiles still talk EWS?" asks whether something old is left; only a statement says it is.
  if (ARCHIVING.test(t) && !sentence.isQuestion) {
    add('remaining', 'topic.on.old-profile-left', REMAINING_OLD.exec(t));
    const old = OLD_PROFILE_RE.exec(t);
    if (old && !NOT_OLD.test(t.slice(Math.max(0, old.index - 30), old.index))) add('old-left', 'topic.on.old-profile-left', old);
  }
  if (M365_ANY.test(t)) add('medium', 'topic.on.conversion-words', CONVERSION.exec(t));
  if (ARCHIVING.test(t) && M365_MENTION.test(t)) add('medium', 'topic.on.m365-sign-in-fails', SIGN_IN_FAILS.exec(t));
  add('m365-mention', 'topic.on.asks-about-m365', M365_MENTION.exec(t));
  if (sentence.isQuestion) signals.push({ kind: 'question', rule: '', message, source, start: sentence.start, end: sentence.end });
  const moved = MAIL_MOVED.exec(t);
  if (moved) add(HOW.test(t) && sentence.isQuestion ? 'medium' : 'weak-move', 'topic.on.mail-moved', moved);
}

export function detectTopic(input: TopicInput): { value: Topic; confidence: number; evidence: Candidate<'topic'>[] } {
  const signals: Signal[] = [];
  for (const [message, unit, sentence] of sentencesOf(input.view)) scan(sentence, message, unit.source, signals);
  const own = (k: Signal['kind']): Signal[] => signals.filter((s) => s.kind === k && s.source === 'own');
  const any = (k: Signal['kind']): Signal[] => signals.filter((s) => s.kind === k);
  const evidence = (value: Topic, list: Signal[], confidence: number): Candidate<'topic'>[] =>
    list.slice(0, 3).map((s) => makeCandidate('topic', value, s.rule, s.message, s.start, s.end, confidence, s.source));

  const stops = own('stop');
  // A stated rename/keep decision is about the conversion even in a follow-up that names no product.
  if (any('microsoft').length === 0 && !input.choiceStated) return { value: 'off-topic', confidence: 0.85, evidence: [] };
  if (stops.length > 0) return { value: 'off-topic', confidence: 0.9, evidence: evidence('off-topic', stops, 0.9) };
  const alreadyModern = own('already').length > 0 || (input.directoryService === 'm365-modern' && input.dsFromOwnText);
  const remaining = [...any('remaining'), ...(alreadyModern ? any('old-left') : [])];
  if (alreadyModern && remaining.length === 0) {
    return { value: 'off-topic', confidence: 0.85, evidence: evidence('off-topic', own('already'), 0.85) };
  }
  const basicDirectory = input.directoryService === 'm365-basic';
  const ownStrong = own('strong');
  const themed = any('theme').length > 0;
  const nonM365Directory = !['unknown', 'm365-basic', 'm365-modern'].includes(input.directoryService);
  if (ownStrong.length > 0 || input.choiceStated || basicDirectory || remaining.length > 0) {
    const confidence = ownStrong.length > 1 || input.choiceStated || basicDirectory ? 0.92 : 0.86;
    const list = ownStrong.length > 0 ? ownStrong : [...remaining, ...own('medium'), ...own('weak-move')];
    const value: Topic = 'm365-conversion';
    const found = evidence(value, list, confidence);
    // On-topic because of the stated choice or the Basic directory alone: point at those.
    const borrowed = (from: Candidate[], rule: string): Candidate<'topic'>[] =>
      from.slice(0, 2).map((c) => makeCandidate('topic', value, rule, c.message, c.start, c.end, confidence, c.source));
    const fallback = input.choiceStated ? borrowed(input.choiceSupport, 'topic.on.choice-stated') : borrowed(input.dsSupport, 'topic.on.basic-directory');
    return { value, confidence: themed ? confidence - 0.1 : confidence, evidence: found.length > 0 ? found : fallback };
  }
  // A directory to sort out, Microsoft 365 in view and a question about it: the conversion, worded indirectly.
  const asking = new Set(own('question').map((q) => q.message));
  const asksAboutM365 = nonM365Directory ? own('m365-mention').filter((m) => asking.has(m.message)) : [];
  const medium = [...own('medium'), ...(nonM365Directory ? own('weak-move') : []), ...asksAboutM365];
  if (medium.length > 0 && !themed) return { value: 'm365-conversion', confidence: 0.75, evidence: evidence('m365-conversion', medium, 0.75) };
  const forwarded = [...any('strong'), ...any('medium')].filter((s) => s.source === 'forwarded');
  if (forwarded.length > 0) return { value: 'm365-conversion', confidence: 0.6, evidence: evidence('m365-conversion', forwarded, 0.6) };
  // A rename/keep decision only exists for the conversion, also when the partner forwards it.
  if (input.choiceForwarded) {
    const found = input.choiceSupport.slice(0, 2).map((c) => makeCandidate('topic', 'm365-conversion' as Topic, 'topic.on.choice-forwarded', c.message, c.start, c.end, 0.6, c.source));
    return { value: 'm365-conversion', confidence: 0.6, evidence: found };
  }
  return { value: 'off-topic', confidence: themed ? 0.85 : 0.65, evidence: evidence('off-topic', own('theme'), 0.85) };
}
