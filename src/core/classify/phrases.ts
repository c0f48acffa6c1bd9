// Phrase tables for human intent and out-of-office text, per language. Order matters: the first
// rule that matches decides, so the readings that stop mailing someone come first.
import { Category } from './types';

export interface PhraseRule {
  /** "<category>.<language>.<what>", reported as the classification's rule. */
  name: string;
  category: Category;
  pattern: RegExp;
}

/** Phrases match whole words (letters and digits may not touch either end), case-insensitively. */
function words(alternatives: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'u');
}

/** Japanese has no spaces between words: its phrases match anywhere. */
function anywhere(alternatives: string): RegExp {
  return new RegExp(alternatives, 'u');
}

function rule(category: Category, lang: string, what: string, pattern: RegExp): PhraseRule {
  return { name: `${category}.${lang}.${what}`, category, pattern };
}

/** Texts are normalized (NFKC, lowercase, straight apostrophes, single spaces) before matching. */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export const INTENT_RULES: PhraseRule[] = [
  // opt_out: asked not to be mailed again. Checked first: a "not interested, remove me" is an opt-out.
  rule('opt_out', 'en', 'unsubscribe', words('unsubscrib(e|ed|ing)|opt(-| )?(me )?out')),
  // A bare "STOP" or "remove" is an opt-out; inside a sentence those words mean many things.
  rule(
    'opt_out',
    'en',
    'stop_alone',
    /^(please )?(stop|remove|remove me|unsubscribe|stopp|arrêt|baja|afmelden)( please)?[.!]*$/u,
  ),
  rule(
    'opt_out',
    'en',
    'remove_me',
    words(
      'remove (me|us)|take (me|us) off|(delete|remove|erase) (my|our) (e-?mail|address|details|data|information|info|contact|name|profile)',
    ),
  ),
  rule(
    'opt_out',
    'en',
    'stop_contacting',
    words(
      "(don't|do not) (want|wish) to (receive|get|hear) (any )?(more|further|these|your)|stop (e-?mailing|mailing|messaging|contacting|sending|writing|spamming)|(do not|don't|dont|never|please don't) (e-?mail|contact|message|write to|mail|reach out to) (me|us)|no (more|further) (e-?mails|messages|contact)|leave me alone|(cease|end) (all )?contact|not to contact me|(this is|reported as|report (you|this) (as|for)) spam",
    ),
  ),
  rule(
    'opt_out',
    'de',
    'abmelden',
    words(
      'abmelden|abgemeldet|abbestellen|austragen|ausgetragen|(aus|von) (dem|ihrem|ihrer|der) (verteiler|liste|datenbank)|(entfernen|löschen|streichen) sie (mich|meine (daten|adresse|e-?mail-?adresse))|(mich|meine daten|meine adresse) (zu )?(entfernen|löschen)|keine (weiteren |weitere )?(e-?mails|mails|nachrichten|kontaktaufnahmen?)( mehr)?|nicht mehr (kontaktieren|anschreiben|schreiben|mailen|zu kontaktieren)|kontaktieren sie mich nicht|von (ihrer|der) (liste|verteilerliste)',
    ),
  ),
  rule(
    'opt_out',
    'fr',
    'desinscrire',
    words(
      "d[ée]sinscri\\p{L}*|d[ée]sabonn\\p{L}*|ne (plus|pas) me (contacter|recontacter|[ée]crire|solliciter)|ne me (contactez|recontactez|[ée]crivez|sollicitez) plus|retirez[- ]moi|(retirer|supprimer|supprimez|effacez) (mon adresse|mes coordonn[ée]es|mes donn[ée]es|mon profil)|cessez de m'[ée]crire|arr[êe]tez de m'[ée]crire",
    ),
  ),
  rule(
    'opt_out',
    'es',
    'dar_de_baja',
    words(
      'darme de baja|dar de baja|denme de baja|dame de baja|no me (contacten|contactes|escriban|escribas|vuelvan a (contactar|escribir)|vuelvas a (contactar|escribir))|dejen de (escribirme|contactarme|enviarme)|deja de (escribirme|contactarme|enviarme)|(eliminen|elimina|eliminar|borren|borrar|borra) mis datos|(eliminarme|quitarme|sacarme|borrarme) de (su|la|vuestra) (lista|base de datos)',
    ),
  ),
  rule(
    'opt_out',
    'nl',
    'afmelden',
    words(
      'uitschrijven|afmelden|schrijf (me|mij) uit|haal (me|mij) (van|uit)|verwijder (me|mij|mijn gegevens|mijn adres|mijn e-?mailadres)|niet meer (mailen|e-?mailen|contacteren|benaderen)|neem geen contact (meer )?(met mij )?op|geen (e-?mails|mails|berichten) meer',
    ),
  ),
  rule(
    'opt_out',
    'ja',
    'haishin_teishi',
    anywhere(
      '配信停止|配信を停止|今後(の|は)?(ご)?連絡(は|を)?(不要|しないで|お控え|ご遠慮)|連絡しないでください|メールを送らないで|リストから(削除|外して)|登録(を)?解除|個人情報を削除',
    ),
  ),

  // "Not looking, but open to hearing more" is interest, though it contains a negative phrase.
  rule(
    'interested',
    'en',
    'open_despite',
    words(
      "(but|though|however),? (i'?m |i am |i'?d be |i would be |always |still )*(open|happy|glad|keen|interested) to (hear|chat|talk|learn|discuss|listen)|open to (hearing|a chat|a conversation|chatting|talking|learning) more",
    ),
  ),
  rule(
    'interested',
    'de',
    'offen_trotzdem',
    words('aber (offen|gerne bereit) f(ü|ue)r|trotzdem (gerne|interessiert)'),
  ),

  // not_interested: a human "no", including "not now, maybe later".
  rule(
    'not_interested',
    'en',
    'not_interested',
    words(
      "not (really |currently |at all |that |particularly |very |too |so )?interested|no interest|uninterested|i'?m good,? thanks|no,? thanks|no,? thank you|thanks,? but no|(i'?ll|i will|going to|gonna|have to|must|will) (pass|decline|politely decline)|not (actively |currently )?looking|not (currently )?open to (new|other|a change)|happy (in|with|at) my (current )?(role|job|position|company)|(i'?m|i am) happy where i am|not (a good |the right )?(fit|match) for me|(have|'ve) (already )?(accepted|signed) (an|another|a new) (offer|position|role|job)|not for me|not considering",
    ),
  ),
  rule(
    'not_interested',
    'en',
    'not_now',
    words(
      "not (right )?now|not at the moment|not at this (time|point)|(maybe|perhaps|possibly) (later|next year|in (a few|some|six|6|three|3) months)|(reach|check|get) (out|back|in touch) (again )?(in|next|later|after)|circle back (in|later|next)|timing (isn't|is not) right|bad timing|not the right time",
    ),
  ),
  rule(
    'not_interested',
    'de',
    'kein_interesse',
    words(
      'kein(e|en)? interesse|nicht interessiert|(leider )?kein bedarf|nein,? danke|bin (sehr |aktuell |derzeit )?zufrieden|nicht (auf der suche|wechselwillig)|passt (leider )?nicht|(muss|möchte) (leider )?absagen|(momentan|derzeit|aktuell|im moment) nicht (auf der suche|interessiert|offen)|vielleicht (später|nächstes jahr)|zu einem späteren zeitpunkt',
    ),
  ),
  rule(
    'not_interested',
    'fr',
    'pas_interesse',
    words(
      "pas (vraiment |du tout |int[ée]ress[ée]e? pour le moment )?int[ée]ress[ée]e?|aucun int[ée]r[êe]t|non,? merci|(ne suis|suis) pas (à|a) la recherche|pas (ouvert|ouverte) (à|a) (un|une|de)|je (vais )?d[ée]cline|je passe mon tour|pas pour le moment|pas pour l'instant|plus tard peut-[êe]tre|peut-[êe]tre plus tard|pas le bon moment",
    ),
  ),
  rule(
    'not_interested',
    'es',
    'no_interesa',
    words(
      'no (me )?interesa|no estoy interesad[oa]|no,? gracias|no (busco|estoy buscando)|estoy (muy )?(content[oa]|feliz) (en|con)|no es (el )?(buen )?momento|paso,? gracias|(tal vez|quizás|quizá) más adelante|por ahora no|de momento no',
    ),
  ),
  rule(
    'not_interested',
    'nl',
    'geen_interesse',
    words(
      'geen interesse|niet ge(ï|i)nteresseerd|nee,? (dank je|dankjewel|bedankt|dank u)|niet op zoek|(ben|zit) (erg |heel |zeer )?tevreden|niet (het juiste|het goede|een goed) moment|misschien later|op dit moment niet|nu even niet',
    ),
  ),
  rule(
    'not_interested',
    'ja',
    'kyomi_nai',
    anywhere(
      '興味(は|が)?(ありません|ない|ございません)|またの機会|機会があれば|遠慮(します|いたします|させていただ)|辞退|見送(ら|り|ります)|今回は(結構|お断り)|転職(は|を)?(考えていません|予定はありません|するつもりはありません)|お断り',
    ),
  ),

  // interested: wants to talk or hear more.
  rule(
    'interested',
    'en',
    'interested',
    words(
      "(i'?m|i am|i'?d be|i would be|very|definitely|certainly|quite|really) interested|interested in (learning|hearing|discussing|talking|the role|the position|the job|this|it)|sounds (good|great|interesting|exciting|promising)|(let'?s|happy to|glad to|love to|like to|keen to) (talk|chat|connect|speak|discuss|set up|schedule|meet|hop on)|(set up|schedule|book|arrange) (a|some) (call|chat|meeting|time)|when (are you|would you be) (free|available)|(i'?m|i am) (free|available) (on|next|this|tomorrow|any)|tell me more|(send|share) (me )?(more )?(details|information|info|the (job )?description|the jd)|would love to|count me in|yes,? please|yes,? (i'?m )?interested|i'?d like to (learn|hear|know) more",
    ),
  ),
  rule(
    'interested',
    'de',
    'interesse',
    words(
      '(bin|wäre|waere) (sehr |durchaus |grundsätzlich )?interessiert|(habe|hätte|haette) (großes |grosses |sehr |durchaus |grundsätzlich )?interesse|klingt (gut|spannend|interessant)|gerne (mehr|würde ich|bereit|telefonieren|sprechen|austauschen)|(lassen sie uns|lass uns) (sprechen|telefonieren)|termin (vereinbaren|ausmachen|finden)|wann (haben|hätten) sie zeit|ich (würde|möchte) (gerne|gern) mehr',
    ),
  ),
  rule(
    'interested',
    'fr',
    'interesse',
    words(
      "(suis|serais) (très |tout à fait )?int[ée]ress[ée]e?|(ça|cela) m'int[ée]resse|avec plaisir|volontiers|(quand|quelles) (êtes-vous|sont vos) disponib\\p{L}*|je suis disponible|envoyez-moi (plus|davantage)|(échanger|discuter|en parler) (avec vous|ensemble)|pourquoi pas",
    ),
  ),
  rule(
    'interested',
    'es',
    'interesa',
    words(
      '(estoy|estaría|estaria) (muy )?interesad[oa]|me interesa|me parece (bien|interesante|genial)|con gusto|encantad[oa]|hablemos|(podemos|me gustaría|me gustaria) (hablar|conversar|agendar)|cuándo (tienes|tiene) (tiempo|disponibilidad)|estoy disponible|(envíame|enviame|mándame) más|más (información|detalles)',
    ),
  ),
  rule(
    'interested',
    'nl',
    'interesse',
    words(
      '(ben|zou) (zeer |erg |wel )?ge(ï|i)nteresseerd|(heb|heeft) (wel |zeker )?interesse|klinkt (goed|interessant|leuk)|graag (meer|een gesprek|bellen|kennismaken)|laten we (bellen|afspreken|praten)|wanneer (heb je|heeft u) tijd|ik ben beschikbaar|stuur (me|mij) meer',
    ),
  ),
  rule(
    'interested',
    'ja',
    'kyomi_ari',
    anywhere(
      '興味があります|興味を持ちました|興味あり|ぜひ|是非|お話を(伺|聞か|お聞き|お伺い)|詳細を(教えて|送って|お送り|いただけ)|面談',
    ),
  ),

  // Short answers: a reply of a few words that says yes or no (longer texts need a phrase above).
  rule(
    'not_interested',
    'any',
    'short_no',
    /^(?=.{0,60}$)(.*[^\p{L}])?(no|nope|nein|non|nee|いいえ)[.!]*$/u,
  ),
  rule(
    'interested',
    'any',
    'short_yes',
    /^(?=.{0,80}$)(.*[^\p{L}])?(yes|yeah|yep|sure|absolutely|definitely|interested|ja|oui|sí|si|claro|graag|interesse|interessiert|intéressée?|interesad[oa]|はい)(?![\p{L}])/u,
  ),

  // neutral rules give a human "neither yes nor no" a precise reason.
  rule(
    'neutral',
    'en',
    'referral',
    words(
      'contact my colleague|not the right person|wrong person|(forwarded|forwarding) (this|your (e-?mail|message)) to|no longer (work|working) (at|for)|(have|has) left the company',
    ),
  ),
];

/** Out-of-office wording in a body; used only when no human intent was found. */
export const OUT_OF_OFFICE_BODY: PhraseRule[] = [
  rule(
    'auto_reply',
    'en',
    'out_of_office',
    words(
      "out of (the )?office|on (annual |parental |maternity |paternity |sick |medical )?leave|on (vacation|holiday|holidays|pto)|away from (the office|my desk|e-?mail)|limited (access to|connectivity)|(i'?m|i am|i will be) (currently )?(away|travell?ing|out of (the )?(office|country))|will be back (in the office )?(on|from|in|after)|will return (on|to the office)|back in the office|upon my return|return to the office",
    ),
  ),
  rule(
    'auto_reply',
    'de',
    'abwesend',
    words(
      'nicht im büro|abwesend|außer haus|ausser haus|im urlaub|urlaubsbedingt|keinen zugriff auf (meine )?e-?mails|wieder (im büro|erreichbar)',
    ),
  ),
  rule(
    'auto_reply',
    'fr',
    'absent',
    words(
      'absente?|hors du bureau|en cong[ée]s?|en vacances|de retour (le|au bureau)|acc[èe]s limit[ée] (à|a) (mes|mon)',
    ),
  ),
  rule(
    'auto_reply',
    'es',
    'fuera_de_oficina',
    words(
      'fuera de la oficina|de vacaciones|ausente|no estaré disponible|estaré de vuelta|regresaré|de regreso el',
    ),
  ),
  rule(
    'auto_reply',
    'nl',
    'afwezig',
    words(
      'afwezig|niet (op kantoor|aanwezig)|met vakantie|op vakantie|weer (aanwezig|terug|op kantoor)',
    ),
  ),
  rule(
    'auto_reply',
    'ja',
    'fuzai',
    anywhere('不在|休暇|外出|出張中|戻ります|返信が遅れ|ご返信は.{0,10}以降'),
  ),
];

/** Out-of-office and auto-reply subjects; strong enough on their own (a human keeps "Re: ..."). */
export const AUTO_REPLY_SUBJECTS: PhraseRule[] = [
  rule(
    'auto_reply',
    'en',
    'subject',
    words(
      "automatic reply|auto(matic)?[- ]?(reply|response|responder)|autoreply|autoresponse|out of (the )?office|ooo|on vacation|vacation (reply|response|notice)|away from (the )?office|(i am|i'm) away",
    ),
  ),
  rule(
    'auto_reply',
    'de',
    'subject',
    words('abwesenheit\\p{L}*|automatische antwort|außer haus|nicht im büro|urlaub'),
  ),
  rule(
    'auto_reply',
    'fr',
    'subject',
    words('réponse automatique|reponse automatique|absence|absent|en congés?'),
  ),
  rule(
    'auto_reply',
    'es',
    'subject',
    words('respuesta automática|respuesta automatica|fuera de la oficina|ausente|de vacaciones'),
  ),
  rule(
    'auto_reply',
    'nl',
    'subject',
    words('automatisch antwoord|afwezig|niet aanwezig|afwezigheid|vakantie'),
  ),
  rule('auto_reply', 'ja', 'subject', anywhere('自動応答|自動返信|自動送信|不在|休暇')),
];

export function firstMatch(
  rules: PhraseRule[],
  text: string,
): { rule: PhraseRule; phrase: string } | undefined {
  for (const candidate of rules) {
    const m = candidate.pattern.exec(text);
    if (m) return { rule: candidate, phrase: m[0] };
  }
  return undefined;
}
