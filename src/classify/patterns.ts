// Shared vocabulary for the extractors. All regexes are compiled once at module load.
//
// `rx` exists because customer mail is hard-wrapped at random places ("Microsoft 365 (Basic\nAuthentication)"):
// in every pattern source written here a plain space means "any run of whitespace" and " ?" optional whitespace.
// Never put a literal space inside a character class; write `\s` there.
//
// JavaScript's `\b` only knows ASCII letters, so it fails before "ändern" and after "Gruß". Only those edges get
// a Latin-1 aware boundary; every other `\b` stays native, which keeps the regexes fast (no `u` flag needed).
const LATIN = '[\\wÀ-ÖØ-öø-ÿ]';

export function rx(source: string, flags = 'i'): RegExp {
  const withSpaces = source.replace(/ \?/g, '\\s*').replace(/ /g, '\\s+');
  const withBoundaries = withSpaces
    .replace(/\\b(?=[À-ÖØ-öø-ÿ])/g, `(?<!${LATIN})`)
    .replace(/(?<=[À-ÖØ-öø-ÿ])\\b/g, `(?!${LATIN})`);
  return new RegExp(withUmlautSpellings(withBoundaries), flags);
}

// Customers on keyboards or mail clients without umlauts write "frueher", "aendern", "Gruss". Every umlaut and ß a
// pattern spells out also accepts its two-letter spelling (ä|ae, ö|oe, ü|ue, ß|ss). Character classes and escapes
// are copied as they are: "[À-Ö]" is a range, not a word.
const TRANSCRIPTION: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'ae', Ö: 'oe', Ü: 'ue', ß: 'ss' };

export function withUmlautSpellings(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else {
      const alt = TRANSCRIPTION[ch];
      out += alt ? `(?:${ch}|${alt})` : ch;
    }
  }
  return out;
}

/** A plain regex (a keyword gate) that also accepts the two-letter spellings of its umlauts, like rx. */
export function loose(re: RegExp): RegExp {
  return new RegExp(withUmlautSpellings(re.source), re.flags);
}

/** Same as rx but global, for matchAll. */
export function rxg(source: string, flags = 'i'): RegExp {
  return rx(source, flags.includes('g') ? flags : `${flags}g`);
}

/** Up to n intervening words (bounded, so no catastrophic backtracking). */
export const gap = (n: number): string => `(?: \\S+){0,${n}}?`;

// Microsoft 365 under all the names customers use.
export const M365 = String.raw`(?:microsoft ?365|microsoft-365|office ?365|office-365|\bms ?365|\bm365|\bo365|exchange online|exchange-online)`;
// Microsoft 365 by product name only (Exchange Online is where mailboxes live, not a directory type).
export const M365_NAME = String.raw`(?:microsoft ?365|microsoft-365|office ?365|office-365|\bms ?365|\bm365\b|\bo365\b)`;
// The directory Microsoft 365 brings with it (not the on-premises Active Directory).
export const ENTRA = String.raw`(?:azure active directory|azure ad\b|azure-ad\b|\baad\b|entra id\b|entra-id\b|microsoft entra\b)`;

// Between Microsoft 365 and its authentication: "Microsoft 365 (Basic", "Office 365 - Modern", "Office 365 / basic
// auth" (how customers write the type's name when they do not copy it from the drop-down).
export const AUTH_SEP = String.raw` ?[-–(/]? ?`;

// "Azure AD Connect" / "Entra Connect" copies the on-prem AD into Microsoft 365; it is not MailStore's directory
// service, so "AD Connect stays" says nothing about keeping it.
const NOT_CONNECT = String.raw`(?![-\s]?connect\b)`;

// Things a customer may keep, drop or replace as "the directory service".
export const DS_NOUN = String.raw`(?:directory services?|directory service type|directory${NOT_CONNECT}|verzeichnisdienst\w*|benutzersynchronisation|user ?sync\w*|synchroni[sz]ation|synchronisierung|\bsync\b|active directory${NOT_CONNECT}|\bAD\b${NOT_CONNECT}|\bLDAP\b|openldap|ldap generic|generic ldap|application integration|anwendungsintegration|google workspace|mdaemon|kerio(?: connect)?|icewarp|benutzerverwaltung|user management|integration)`;

// The Directory Services setting itself, as customers name it before saying which type it is set to.
export const DS_TYPE_NOUN = String.raw`(?:\bdirectory services?(?: type| integration)?|\bdirectory (?:service )?type|\bverzeichnisdienst\w*(?:-?typ)?|\bbenutzersynchronisation\b|\buser sync(?:hroni[sz]ation)?(?: type)?)`;

// The MailStore users or their names.
export const NAMES_NOUN = String.raw`(?:user ?n\w{0,2}mes?|usernames?|user names?|benutzernamen?|anmeldenamen?|namen|names|users|benutzer(?:konten)?|accounts?|logins?)`;

// Words that turn a following statement around. Kept narrow: "no longer" and "not yet" mean something else.
export const NEGATOR = String.raw`(?:\bnot\b(?! yet| only| just)|\bn't\b|n't\b|\bno\b(?! longer| more than)|\bnever\b|\bnone\b|\bnothing\b|\bunder no circumstances\b|\bkein\w*|\bnicht\b(?! nur| mehr als)|\bnichts\b|\bnie\b|\bniemals\b|\bkeinesfalls\b|\bauf keinen fall\b|\bwithout\b|\bohne\b|\bveto\w*|\bagainst\b|\brefuse\w*|\bausgeschlossen\b|\bundenkbar\b|\bavoid\w*|\bvermeiden\b|\bungern\b|\breluctant\b|\bverhindern\b|\bprevent\w*|\bno-?go\b|\bout of the question\b)`;

// Negations that follow what they negate ("keeping X isn't an option").
// A move to Microsoft 365 that the customer rules out ("is NOT moving to Microsoft 365", "won't migrate to
// Office 365", "wir ziehen nicht zu Microsoft 365 um"): the ticket is not about the conversion. Only the mail/tenant
// move counts: "we can't switch to Microsoft 365 Modern (names would change)" or "we won't move the directory" are
// the conversion question itself, so ability verbs, Modern as the target and directory objects are left out.
const NOT_MODERN = String.raw`(?!${AUTH_SEP}modern)`;
export const NEGATED_MOVE = String.raw`(?:\b(?:is|are|am|we're|they're|'re|'s) not|\b(?:isn't|aren't)|\b(?:will not|won't|never)(?: be)?|\bnot (?:planning|going|intending) to)(?: be)? (?:moving|migrating|switching|going|move|migrate|switch)(?: (?:our|the|their|its) (?:mail\w*|e-?mails?|mailboxes|tenant))? (?:to|into|onto|over to) (?:the )?${M365}${NOT_MODERN}|\b(?:wechseln|ziehen|migrieren|gehen)\b (?:\S+ ){0,2}?(?:nicht|nie) (?:zu|nach|auf|in) (?:die )?${M365}${NOT_MODERN}|\bkein\w* (?:umzug|wechsel|migration|umstieg) (?:zu|nach|auf|in) ${M365}${NOT_MODERN}`;

export const POST_NEGATOR = String.raw`(?:(?:is|are)(?: not|n't) (?:an? )?(?:option|possible|acceptable|feasible|wanted|desired)|(?:is|are)(?: not|n't) going to work|not an option|no option|out of the question|not possible|kommt nicht in frage|ist keine option|keine option|nicht möglich|nicht gewünscht|nicht akzeptabel|not acceptable|geht nicht|won't work|wird nicht funktionieren)`;

// Double negatives that mean acceptance. Matched before NEGATOR so their "no"/"kein" does not count.
export const ACCEPT_IDIOM = String.raw`(?:(?:ok|okay|fine|acceptable|in ordnung) (?:for us |with us |by us |für uns )?(?:if|wenn)\b|(?:do|does|did)(?:n't| not) mind(?: if)?|(?:is|are|would be|'s)(?: not|n't) (?:a |an )?(?:problem|issue)|no problem|not a problem|no issue|no objections?|kein problem|keine problem\w*|kein thema|nichts dagegen|no concerns?|keine bedenken|doesn't matter|does not matter|egal)`;

// A stated wish or decision (not a description or a question). "dürfen/darf" forbid or allow; "dürfte(n)" only
// guesses ("die Namen dürften sich nicht ändern" = probably won't change), so it is a hedge instead.
export const DECIDE = String.raw`(?:\b(?:the )?plan is to\b|\bplan(?:s|ned)? to\b|\bintend\w* to\b|\bplan ist\b|\bwir planen\b|\bhaben vor\b|\bwant\w*|\bwould like|'d like|\bwould rather\b|'d rather\b|\blieber\b|\bungern\b|\bwish\b|\bprefer\w*|\bwe'll\b|\bwe will\b|\bwill\b|\bgoing to\b|\bdecided\b|\bdecision\b|\bgo with\b|\bgoing with\b|\bopt for\b|\bchoose\b|\bchose\b|\bplease\b|\bpls\b|\blet's\b|\bmust\b|\bhave to\b|\bhas to\b|\bneeds? to\b|\bshould\b|\bfine\b|\bok\b|\bokay\b|\bacceptable\b|\baccept\w*|\bagree\w*|\bhappy\b|\bglad\b|\bsounds good\b|\bmöcht\w*|\bwoll\w*|\bwerden\b|\bsoll\w*|\bdürf(?!te)\w*|\bdarf\b|\bgerne?\b|\bentschieden\b|\bentscheidung\b|\bbitte\b|\bin ordnung\b|\bpasst\b|\beinverstanden\b|\bakzeptier\w*|\bdoch\b|\bmuss\b|\bmüssen\b)`;

// A space followed by `?` in a pattern source means optional whitespace (see rx).

// "Wir würden daher die Benutzer umbenennen", "so we would rename the users": a first-person conditional drawing a
// conclusion (therefore, daher, also, deshalb) is a polite way to state the plan, not a hypothetical. A real condition
// ("if", "falls") in the clause still hedges it, and "würden daher … umbenennen müssen" is a consequence.
const NOT_FORCED = String.raw`(?![^.?!]{0,120}\b(?:müssen|müssten|have to|need to|be (?:forced|required) to)\b)`;
export const POLITE_PLAN = String.raw`${NOT_FORCED}(?:\b(?:we|wir|ich|i)\b (?:would|würden|würde)\b (?:therefore|thus|daher|deshalb|deswegen|also|demnach|somit|dementsprechend|accordingly)\b|\b(?:therefore|thus|daher|deshalb|deswegen|demnach|somit|dementsprechend) (?:würden|würde) (?:wir|ich)\b)`;

// Words that make a clause hypothetical or hedged.
export const HEDGE = String.raw`(?:\bif\b|\bwenn\b|\bfalls\b|\bwhether\b|\bob\b|\bunless\b|\bsofern\b|\bin case\b|\bhop\w*|\bhoffe\w*|\bwould\b(?! like| prefer| rather)|\bcould\b|\bmight\b|\bmay\b|\bwürde\w*(?! gerne?)|\bkönnte\w*|\bwäre\w*|\bdürfte\w*|\bperhaps\b|\bmaybe\b|\bvielleicht\b|\beventuell\b|\bsuppose\w*)`;

// Words that make the whole sentence a comparison of options or an open question.
export const OPTIONS = String.raw`(?:\btwo (?:ways|options|paths|approaches|possibilities)\b|\bzwei (?:wege|möglichkeiten|optionen|varianten)\b|\bboth\b|\bbeide\w*|\beither\b|\bentweder\b|\bvs\.?|\bversus\b|\bpros and cons\b|\bvor- und nachteile\b|\bnachteile\b|\bvorteile\b|\badvantages\b|\bdisadvantages\b|\bdownsides?\b|\bi(?:'ve| have)? read\b|\bi(?:'ve| have)? heard\b|\bgelesen\b|\bgehört\b|\bexplain\w*|\boutline\b|\berklären\b|\bbeschreiben\b|\bcompare\b|\bvergleich\w*|\bwhat (?:each|both)\b|\bwhich (?:one|option|way)\b)`;

// Explicit "not decided yet" (about the rename/keep choice, not about the directory type).
export const UNDECIDED = String.raw`(?:\bhaven't (?:yet )?(?:decided|made up (?:our|my) minds?)|\bhave not (?:yet )?decided|\bnot (?:yet )?decided|\bundecided\b|\bnot sure (?:yet )?(?:which|what) (?:way|option|approach|path|route)|\bnoch nicht entschieden|\bnoch unentschlossen|\bunentschlossen\b|\bweiß (?:ich|wir) (?:das )?(?:noch|leider) nicht\b|\bmelden uns,? (?:welche|wie)|\bnicht einig\b|\bnot (?:yet )?agreed\b|\bstill (?:discussing|considering|thinking|deciding)\b|\büberlegen noch\b|\bnot sure (?:yet )?(?:whether|if)\b|\bnicht sicher,? ob\b|\bunsicher,? ob\b|\bwelche variante es wird|\bdiscuss (?:it|this|them) (?:with|internally)|\bbesprechen das)`;

// Clause-opening words that make a sentence a question even before its question mark.
export const INTERROGATIVE_START = String.raw`^(?:how|what|which|when|why|where|who|can|could|would|will|should|shall|do|does|did|is|are|was|were|may|must|wie|was|welche\w*|wann|warum|wieso|weshalb|wo|wer|kann|können|könnt\w*|könnte\w*|muss|müssen|müsste\w*|soll\w*|werden|wird|würde\w*|ist|sind|gibt|reicht|läuft|unterstützt|habt|haben|hat|brauchen|geht|bleibt|bleiben)\b`;

// A directory conversion that is done: a past form of a move verb, Microsoft 365 Modern as where it went, and the
// directory named as what moved ("haben MailStore von AD auf Microsoft 365 (Modern Authentication) als
// Verzeichnisdienst umgestellt", "we converted the directory service from LDAP to Microsoft 365 Modern"). All three
// must be in one clause; context.ts rules out negated, hedged and wished ones.
export const PAST_MOVE_VERB = String.raw`\b(?:umgestellt|gewechselt|migriert|umgezogen|switched|converted|migrated|moved|changed)\b`;
export const MODERN_TARGET = String.raw`\b(?:auf|to|zu|onto) (?:the |das |den )?['"„“]?${M365_NAME}${AUTH_SEP}modern`;
export const MOVED_DIRECTORY = String.raw`\b(?:von|from) (?:dem |der |unserem |unserer |the |our )?(?:alten |old )?${DS_NOUN}|\bdirectory services?\b|\bverzeichnisdienst\w*|\buser sync\w*|\bbenutzersynchronisation\b`;

// Time words that put a statement in the past or the future (so it is not the current configuration).
export const PAST = String.raw`(?:\bused to\b|\byears ago\b|\bpreviously\b(?! (?:known as |called )?(?:azure|aad|entra|office|g suite))|\bformerly\b(?! (?:known as |called )?(?:azure|aad|entra|office|g suite))|\bin the past\b|\bback then\b|\bonce had\b|\buntil (?:19|20)\d\d\b|\btill (?:19|20)\d\d\b|\bup to (?:19|20)\d\d\b|\bbefore (?:we|the|our) (?:move|moved|migration|migrated|switch|switched)|\bfrüher\b(?! (?:azure|aad|entra|office|g suite))|\bvor jahren\b|\bvor \w+ jahren\b|\behemals\b(?! (?:azure|aad|entra|office|g suite))|\behemalig\w*|\bbis (?:19|20)\d\d\b|\bbis zur (?:umstellung|migration)|\bvor der (?:umstellung|migration)|\bdamals (?:hatten|nutzten|war|lief)|\bnot any ?more\b)`;
export const FUTURE = String.raw`(?:\bplan\w* to (?:introduce|set up|use|deploy|add)|\bwill (?:introduce|set up|deploy)|\bnext year\b|\bkünftig\w*|\bzukünftig\w*|\bgeplant\b|\bplanen\b.{0,30}\beinzuführen|\beinführen\b|\bfrom now on\b|\bab jetzt\b|\bin future\b|\bin the future\b)`;
export const PRESENT = String.raw`(?:\bnow\b|\bseitdem\b|\bsince then\b|\binzwischen\b|\bmittlerweile\b|\bnowadays\b|\bthese days\b|\bcurrently\b|\btoday\b|\bstill\b|\baktuell\b|\bderzeit\b|\bzurzeit\b|\bmomentan\b|\bheute\b|\bnoch\b|\bjetzt\b|\bnun\b|\bis set to\b|\beingestellt\b)`;

// The clause says Microsoft 365 Modern is what runs now, not where the customer is heading.
// "has been on Microsoft 365 (Modern Authentication) since …": the present perfect names the state, only when Modern
// follows directly ("we have been on Office 365 for years and want Modern" is the goal).
// "directory service = Microsoft 365 Modern", "Verzeichnisdienst: Microsoft 365 (Modern …)": the setting as it is.
// "use Microsoft 365 Modern" is the state only when no wish comes before it ("we want to … and use Microsoft 365
// (Modern Authentication) for everything" is the target).
const WISH_BEFORE = String.raw`(?<!\b(?:want\w*|would like|'d like|need\w*|plan\w*|going|intend\w*|möcht\w*|woll\w*|soll\w*)\b.{0,80})`;
// "the certificates the tenants use for modern auth": what is in use for it now (not "we need to use … for").
// The wish check sits after the verb so the lookbehind only runs where a verb matched.
const USED_FOR_MODERN = String.raw`\b(?:use|uses|used|using|nutzen|nutzt|verwenden|verwendet)\b${WISH_BEFORE} (?:it |them |es |sie )?(?:for|für) (?:the |die )?modern\w* auth\w*`;
// "already", "bereits", "schon" alone: in a statement the setup is modern; in a question ("can 13.2 do modern auth
// already?") the customer asks whether it could be, so detect-topic.ts reads it only outside questions.
export const ALREADY_WORD = String.raw`\balready\b|\bbereits\b|\bschon\b`;
export const MODERN_STATE_CORE = String.raw`${USED_FOR_MODERN}|\b(?:has|have|'ve|'s) been (?:on|using|with|running(?: on| with)?) ['"„“]?${M365_NAME}${AUTH_SEP}modern|\b(?:type|typ|it's|it is|es ist|says|sagt|shows|zeigt|is set to|set to|steht auf|steht)\b (?:is |ist |= ?|: ?)?['"„“]?${M365_NAME}|\b(?:directory services?|verzeichnisdienst|user sync) ?(?:= ?|: ?|is |ist )['"„“]?${M365_NAME}|\beingestellt\b|\bset up with\b|${WISH_BEFORE}\buses? ${M365_NAME}|\blast year\b|\bago\b|\bback in\b|\bletzte[snm] jahr\w*|\bvor \w+ jahren\b|\b(?:since|seit) (?:19|20)\d\d\b|\b(?:after|since|seit|nach) (?:\S+ ){0,2}?(?:switching|moving|migrating|converting|the switch|the move|the conversion|our switch|our conversion|der umstellung|dem umstieg|unserer umstellung|we switched|we moved|we converted)\b(?: \S+){0,4}? (?:to|auf|zu)\b(?: \S+){0,4}? (?:modern|${M365_NAME} \(?modern)`;
export const MODERN_STATE = String.raw`${MODERN_STATE_CORE}|${ALREADY_WORD}`;
