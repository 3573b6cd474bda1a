/*
 * The lines of a news page that are not the article, as the clean-up recognises them: French first, English where
 * French pages borrow it. Data only; the rules that use them are in page-cleanup.ts.
 */

/**
 * "Lire aussi", "À lire également", "Voir aussi", "À lire : …" lines pointing to other articles. A bare "Lire : …"
 * line stays: some papers (Le Monde) set it as part of the article's own text, and Readability keeps it.
 */
export const READ_ALSO =
  /^(?:(?:[àa] )?lire (?:aussi|également|egalement|ensuite|la suite)|(?:[àa] )?voir aussi|sur le même sujet|read (?:more|also)|see also|related)\b/i
export const READ_LINK = /^(?:[àa] lire|voir|écouter|regarder|read|see|watch)\s*:|^(?:>>|»|→|►|▶|⇒|➜)/i
/** Whole-line headings that open the lists of other articles, tags or author cards around a story. */
export const RELATED_LABEL = new RegExp(
  `^(?:${[
    '[àa] découvrir(?: aussi| également)?',
    'découvrez aussi',
    'sur le même (?:sujet|thème)',
    'dans la même rubrique',
    '(?:articles? )?(?:les )?plus (?:lus|partagés|commentés)',
    'articles? (?:similaires|liés|recommandés|associés)',
    'vous aimerez (?:aussi|peut-être)',
    'vous pourriez aussi aimer',
    'nos (?:suggestions|recommandations)',
    'ailleurs sur le web',
    'en images',
    'mots-clés',
    'tags?',
    '[àa] propos de',
    'related (?:articles|stories)',
    'more (?:stories|on this story)',
    'most (?:read|popular)',
  ].join('|')})\\s*:?$`,
  'i',
)
/** "Dernières news sur : X", "Toute l'actualité de X". */
export const RELATED_TOPIC =
  /^(?:(?:les |nos )?dernières? (?:news|actualités|actus|infos|articles|vidéos)|(?:nos |les )?derniers articles|plus d['’]articles|toute l['’]actualité)\b[^.!?]{0,60}$/i
export const CALL_TO_ACTION =
  /\b(?:inscrivez-vous|abonnez-vous|je m['’]abonne|s['’]abonner|subscribe|sign up|suivez-nous|follow us|téléchargez (?:l['’]|notre )application|recevez (?:notre|nos|gratuitement))\b/i
export const NEWSLETTER = /\bnewsletters?\b|\blettre d['’]information\b/i
export const SIGN_UP = /\b(?:inscri|abonn|recev|subscri|sign up)/i
export const COOKIES = /\bcookies?\b/i
export const CONSENT = /\b(?:accept|consent|navigation|paramétr|paramètr|traceurs|confidentialité|privacy|données personnelles)/i
export const AGENCIES = 'afp|reuters|ap|getty images|maxppp|sipa|abaca|bestimage|shutterstock|istock|hans lucas|epa|belga|anp|dpa'
export const CREDIT = new RegExp(
  [
    // Not after a letter: "Ã©" is an é a page mis-encoded, in every word that has one.
    '(?<!\\p{L})©',
    '\\(c\\)\\s',
    '\\bcr[ée]dits?(?:\\s+(?:photos?|images?|illustrations?))?\\s*:',
    '^(?:photo|photos|illustration|image|vidéo|video|infographie)s?\\s*[:©/]',
    '\\((?:photo|photos|crédit|crédits|illustration)\\b[^)]*\\)',
    '\\bphoto\\s*:',
    `(?:^|/|\\(|\\bavec\\s|\\bphotos?\\s)\\s*(?:${AGENCIES})(?:\\s+(?:photo|images?))?\\)?\\.?\\s*$`,
    // A wire photo's credit: the agency, a slash, the photographer ("REUTERS/Benoit Tessier").
    `\\b(?:${AGENCIES})\\s*/\\s*\\p{L}`,
  ].join('|'),
  'iu',
)
/** The attribution line under an embed ("via GIPHY"). */
export const EMBED_CREDIT = /^via\s+\S+(?:\s+\S+)?$/i
/** Whole-line headings of comment sections ("Commentaires", "12 réactions", "Laisser un commentaire"). */
export const COMMENTS_HEADING =
  /^(?:(?:\d+\s+)?(?:commentaires?|comments?)|\d+\s+réactions?|vos (?:commentaires|réactions)|réagissez|réagir|(?:laisser|ajouter|écrire|poster|publier) un commentaire|donnez votre avis|leave a (?:comment|reply)|join the discussion)(?:\s*\(\d+\))?\s*[:!.]?$/i
export const FORM_LINE =
  /^(?:votre (?:nom|pseudo|e-?mail|adresse e-?mail|commentaire|message)|qui êtes-vous|nom|e-?mail|site web|your (?:name|email|comment))\s*[:?*]*\s*(?:\(.*\))?$/i
export const SENTENCE_END = /[.!?…:;»"”)\]]$/

/** Where a caption's credit may start: after a sentence, or at a dash, bar or bracket ("… en 2008. Photo X / AFP"). */
export const CAPTION_CUT = /(?<=[.!?»])\s+|\s+[-–—|]\s+|\s+(?=\()/g
