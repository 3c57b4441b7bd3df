#!/usr/bin/env python3
"""Generate the committed text-analysis test vectors of guidesite's search.

Reference: the Snowball stemmers of the `snowballstemmer` package (3.x, pinned
below). Writes, under Tests/Fixtures/analysis/:

  stems-fr.tsv   French words (Debian's wfrench list, /usr/share/dict/french)
  stems-en.tsv   English words (Debian's wamerican list, if installed)
                 one "word<TAB>stem" per line, the stem written compactly:
                 "N" = the first N characters of the word, "N:rest" = those
                 characters followed by "rest".
  analyzer.json  the analyzer's configuration (stop words, elisions, folding
                 table) and ~200 sentences with the expected terms. A term is
                 "primary" or "primary|alternate" (see docs/search-index.md).

The Swift (TextAnalyzer) and JavaScript (analyzer.js) analyzers are separate
implementations of the same rules; their tests compare against these files.

Usage: pip install snowballstemmer==3.1.1 && python3 scripts/generate-analysis-vectors.py
"""
import json
import os
import random
import sys
import unicodedata

import snowballstemmer

EXPECTED_SNOWBALL = "3."
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "analysis")
FRENCH_LIST = "/usr/share/dict/french"
ENGLISH_LIST = "/usr/share/dict/american-english"

# ---------------------------------------------------------------- analyzer rules
# Stop words, compared with the accent-folded lower-case token.
STOP_FR = sorted(set("""
a ai aie aient aies ait as au aucun aucune aupres aussi autre autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant
c ca car ce ceci cela celle celles celui ces cet cette ceux chaque chez comme comment d dans de des donc dont du
elle elles en encore entre es est et etaient etais etait etant etre eu eux
il ils j je jusqu l la le les leur leurs lors lorsqu lorsque lui m ma mais me meme memes mes moi mon
n ne ni nos notre nous on ont ou par parce pas peu peut peuvent plusieurs pour pourquoi puis puisqu puisque
qu quand que quel quelle quelles quels qui quoi quoiqu s sa sans se selon ses si sien soi soient sois soit sommes son sont sous suis sur
t ta te tes toi ton tous tout toute toutes tres tu un une unes uns vers via voici voila vos votre vous y
""".split()))
STOP_EN = sorted(set("""
a about after all also am an and any are as at be been before being both but by can could did do does doing
during each for from further had has have having he her here hers him his how i if in into is it its itself
just me more most my no nor not of off on once only or other our ours out over own s same she should so some
such t than that the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours
""".split()))
# Elided words dropped before an apostrophe (both ' and U+2019, and U+02BC).
ELISIONS = sorted("c d j l m n s t qu jusqu lorsqu puisqu quoiqu presqu quelqu".split())
APOSTROPHES = {"'", "\u2019", "\u02bc"}


def fold_table():
    table = {}
    for cp in list(range(0xC0, 0x250)):
        ch = chr(cp)
        if ch.lower() != ch:
            continue
        d = unicodedata.normalize("NFD", ch)
        if len(d) > 1 and d[0].isascii() and all(unicodedata.category(x) == "Mn" for x in d[1:]):
            table[ch] = d[0]
    table.update({"\u0153": "oe", "\u00e6": "ae", "\u00df": "ss", "\u00f8": "o",
                  "\u0111": "d", "\u0142": "l", "\u0127": "h", "\u0131": "i"})
    return dict(sorted(table.items()))


FOLD = fold_table()
STEMMERS = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}
STOP = {"fr": set(STOP_FR), "en": set(STOP_EN)}
MAX_STEM_LEN = 40


def fold(s):
    return "".join(FOLD.get(c, c) for c in s)


def is_word_char(ch):
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


def is_digit(ch):
    return unicodedata.category(ch) == "Nd"


def stem(word, lang):
    return STEMMERS[lang].stemWord(word)


def token_terms(tok, lang):
    """None for a stop word, else (primary, alternate-or-None)."""
    if any(is_digit(c) for c in tok) or len(tok) > MAX_STEM_LEN:
        return (fold(tok), None)
    f = fold(tok)
    if f in STOP[lang]:
        return None
    primary = fold(stem(tok, lang))
    alternate = fold(stem(f, lang)) if f != tok else primary
    return (primary, None if alternate == primary else alternate)


def tokens(text):
    text = unicodedata.normalize("NFC", text)
    out, buf, i, n = [], [], 0, len(text)

    def flush():
        if buf:
            out.append("".join(buf))
            buf.clear()

    while i < n:
        ch = text[i]
        if is_word_char(ch):
            buf.append(ch.lower())
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        if buf and ch == "." and is_digit(buf[-1][-1]) and nxt and is_digit(nxt):
            buf.append(".")
            i += 1
            continue
        if buf and ch in APOSTROPHES and nxt and is_word_char(nxt):
            if "".join(buf) in ELISIONS:
                buf.clear()
                i += 1
                continue
            after = text[i + 2] if i + 2 < n else ""
            if nxt.lower() == "s" and not (after and is_word_char(after)):
                flush()
                i += 2
                continue
        flush()
        i += 1
    flush()
    return out


def analyze(text, lang):
    terms = []
    for tok in tokens(text):
        t = token_terms(tok, lang)
        if t is None:
            continue
        terms.append(t[0] if t[1] is None else t[0] + "|" + t[1])
    return terms


# ---------------------------------------------------------------- sentences
SENTENCES_FR = [
    "L'Ordre rappelle qu'un professionnel doit respecter l’article 3.09.10 du Code de déontologie.",
    "Selon l'art. 3.09.10, le secret professionnel s'applique aussi aux médias sociaux.",
    "Les articles 6.1.6 et 12.1.4 précisent les obligations de tenue des dossiers.",
    "Jusqu'à nouvel ordre, lorsqu'un client l’exige, le professionnel lui remet une copie.",
    "Puisqu'il s'agit d'une recommandation, quoiqu'elle ne soit pas obligatoire, elle s'applique.",
    "C'EST L'ÉTÉ : LES DÉCLARATIONS SONT DUES AVANT LE 31 MAI 2024.",
    "Élève, éleve, eleve et ÉLÈVE doivent correspondre à la même recherche.",
    "La confidentialité des renseignements personnels est protégée par la Loi 25.",
    "Le consentement libre et éclairé du client est requis avant toute intervention.",
    "Qu’en est-il de la publicité trompeuse sur Facebook, Instagram ou TikTok ?",
    "Les honoraires doivent être justes et raisonnables (art. 3.08.01).",
    "Un membre ne peut pas s’approprier les sommes d’argent qui lui sont confiées.",
    "Les dossiers sont conservés pendant cinq ans après la dernière inscription.",
    "L'inspection professionnelle vérifie la compétence des membres de l'Ordre.",
    "« Citation » — avec des guillemets français, des tirets et des points de suspension…",
    "Le syndic peut enquêter sur toute information relative à une infraction.",
    "Naïve, naïveté, Noël et canoë : la diérèse est conservée puis repliée.",
    "Cœur, sœur, œuvre et manœuvre contiennent la ligature œ.",
    "Les télé-consultations et la télépratique exigent des précautions particulières.",
    "Le professionnel s’abstient d’exprimer des avis contradictoires ou incomplets.",
    "Les conflits d'intérêts réels, apparents ou potentiels doivent être évités.",
    "Une déclaration de santé est exigée à l'inscription au tableau de l'Ordre.",
    "La formation continue obligatoire compte 30 heures par période de 3 ans.",
    "Voir aussi les articles 59.2 et 60.4 du Code des professions.",
    "L'article 60.4 C.p. encadre la levée du secret professionnel.",
    "Il faut aviser le client, l’informer et obtenir son autorisation écrite.",
    "Les publications sur les réseaux sociaux engagent la responsabilité du membre.",
    "N'utilisez pas de témoignages de clients dans votre publicité.",
    "Tenez vos dossiers à jour ; consignez chaque consultation, chaque date et chaque note.",
    "Les sanctions disciplinaires vont de la réprimande à la radiation permanente.",
    "L’assurance responsabilité professionnelle couvre 1 000 000 $ par sinistre.",
    "Ça, c'est déjà arrivé : où êtes-vous allés ?",
    "Les pharmaciens, infirmières, ingénieurs et comptables sont des professionnels.",
    "Les renseignements ne peuvent être communiqués qu'avec le consentement du client.",
    "Mise à jour : 2023-11-15. Version 2.1 du guide.",
    "Procédure : 1) lire le guide ; 2) remplir le formulaire ; 3) l'envoyer.",
    "Les recommandations générales s'appliquent à toutes les professions réglementées.",
    "Aujourd'hui, l’Office des professions du Québec surveille les ordres professionnels.",
    "Les employeurs ne peuvent pas exiger qu'un membre contrevienne à ses obligations.",
    "Continuellement, régulièrement, fréquemment, évidemment et couramment.",
    "Nationaux, nationales, nationalité et nationalement partagent une racine.",
    "Les chevaux, les journaux, les genoux et les bijoux.",
    "Il mangeait, nous mangions, ils mangèrent, vous mangerez.",
    "Finissaient, finissons, finirent, finissant, finie et finis.",
    "Créée, créées, créé, créer et création.",
    "Dû, due, dus et dues ; mûr, mûre ; sûr, sûre.",
    "Hôpital, hôpitaux, hospitalier, hospitalisation.",
    "La télémédecine n'est pas une « consultation » au sens de l'article 3.01.01.",
    "Économie, économique, économiquement, économiser.",
    "Relevé d'honoraires, reçu, facture et état de compte.",
    "L'obligation d'indépendance est prévue à la section III du Code.",
    "Un stagiaire agit sous la supervision d'un membre en règle.",
    "Les données biométriques sont des renseignements sensibles.",
    "Qu'il s'agisse d'un courriel, d'un texto ou d'une lettre, la prudence s'impose.",
    "Le délai de prescription est de 5 ans (art. 116 C.p.).",
    "Ne communiquez jamais votre mot de passe : c’est une règle de sécurité élémentaire.",
    "Le registre des gestes posés est tenu à l’établissement.",
    "Presqu'île, quelqu'un et quelqu’une : l'élision touche aussi ces mots.",
    "La déontologie est l'ensemble des devoirs d'une profession.",
    "Indépendance, désintéressement, intégrité : trois valeurs cardinales.",
    "CONSENTEMENT ÉCLAIRÉ ET CONFIDENTIALITÉ : DEUX PILIERS.",
    "consentement eclaire et confidentialite : deux piliers sans accents.",
    "L’Ordre des pharmaciens du Québec publie des lignes directrices.",
    "Les normes de pratique s'appliquent dès le 1er janvier 2025.",
    "Le 12e jour, la 3e audience, le XXIe siècle.",
    "Les remboursements s’effectuent en 30 jours ; les frais sont de 25,50 $.",
    "Les activités réservées figurent à l'annexe I du règlement.",
    "Les gestionnaires, administrateurs et dirigeants ont aussi des devoirs.",
    "L'infirmière praticienne spécialisée prescrit des médicaments.",
    "Les courriels chiffrés protègent la correspondance professionnelle.",
    "Il est interdit de garantir la guérison d'une maladie.",
    "Les rencontres virtuelles et en présentiel sont encadrées de la même façon.",
    "Où trouver le formulaire ? À la page « Formulaires » du site.",
    "Le mot-clé « urgence » désigne une situation où la vie est en danger.",
    "Les abus, harcèlements et inconduites sexuelles sont sanctionnés sévèrement.",
    "L'étudiant, l’étudiante et les étudiants en stage.",
    "Rôle, rôles ; contrôle, contrôles ; drôle, drôlement.",
    "Fenêtre, bâtiment, forêt, août, goût, maître et traîner.",
    "Canoë, Noël, ambiguë et ambiguïté : les trémas.",
    "Le pharmacien vérifie l'ordonnance et la posologie du médicament.",
]

SENTENCES_EN = [
    "The Order reminds members that article 3.09.10 of the Code of ethics applies.",
    "Under s. 3.09.10, professional secrecy also applies to social media.",
    "Sections 6.1.6 and 12.1.4 describe record-keeping obligations.",
    "The regulator's guidance isn't binding, but it's strongly recommended.",
    "Members’ fees must be fair and reasonable (art. 3.08.01).",
    "Running, runner, runs and ran are different words for the stemmer.",
    "Generously, generous and generosity; communication and communism.",
    "The professionals' records are kept for five years after the last entry.",
    "Informed consent is required before any intervention.",
    "CONFIDENTIALITY OF PERSONAL INFORMATION IS PROTECTED BY LAW 25.",
    "Advertising on Facebook, Instagram or TikTok must not be misleading.",
    "Conflicts of interest, whether real, apparent or potential, must be avoided.",
    "Continuing education requires 30 hours every 3 years.",
    "See also sections 59.2 and 60.4 of the Professional Code.",
    "The syndic may investigate any information about an offence.",
    "Café, naïve and résumé keep their accents in English too.",
    "Hopping, hoped, hoping, hopped and hops.",
    "Happily, happiness, happy and happier.",
    "The skies, the sky, dying and lying.",
    "Organizations, organizational, organize and organizing.",
    "Update: 2023-11-15. Version 2.1 of the guide.",
    "Don't share your password: it's a basic security rule.",
    "Pharmacists, nurses, engineers and accountants are professionals.",
    "Disciplinary sanctions range from a reprimand to permanent striking off.",
    "Professional liability insurance covers $1,000,000 per claim.",
    "The inspection committee verifies the competence of members.",
    "Telehealth and telepractice require particular precautions.",
    "A trainee acts under the supervision of a member in good standing.",
    "Biometric data is sensitive personal information.",
    "The prescription period is 5 years (s. 116 P.C.).",
    "Never guarantee the cure of a disease.",
    "Virtual and in-person meetings are regulated the same way.",
    "Abuse, harassment and sexual misconduct are severely sanctioned.",
    "Independence, disinterestedness and integrity: three core values.",
    "Standards of practice apply from January 1st, 2025.",
    "Reimbursements are made within 30 days; fees are $25.50.",
    "The registrar maintains the roll of the Order.",
    "Agreed, agreement, agreeable and disagreeing.",
    "Cycling, cycles, cyclist and cycled.",
    "Relational, rational, national and nationally.",
]

FR_WORDS = ("professionnel consentement déontologie confidentialité dossier honoraires publicité "
            "médias sociaux secret client membre ordre recommandation obligation règlement inspection "
            "syndic formation continue télépratique sécurité courriel renseignements éthique intégrité "
            "indépendance compétence pharmacien infirmière ingénieur comptable prescription ordonnance "
            "assurance responsabilité conflit intérêts stagiaire supervision déclaration élèves").split()
EN_WORDS = ("professional consent ethics confidentiality record fees advertising social media secret client "
            "member order recommendation obligation regulation inspection syndic training continuing "
            "telepractice security email information integrity independence competence pharmacist nurse "
            "engineer accountant prescription insurance liability conflict interests trainee supervision").split()
CITATIONS = ["3.09.10", "6.1.6", "12.1.4", "3.01.01", "59.2", "60.4", "116", "2.03"]
TEMPLATES_FR = [
    "L'{a} et l’{b} selon l'art. {c}.",
    "Qu'est-ce que le {a} ? Voir {c} et les {b}s.",
    "{A} : lorsqu'il y a {b}, jusqu’au {c}.",
    "Les {a}s, des {b}s, aux {a}s ; d'{b}.",
    "{A}, {B}! ({c}) — {a}…",
]
TEMPLATES_EN = [
    "The {a} and the {b} under s. {c}.",
    "What is {a}? See {c} and the {b}s.",
    "{A}: when there's {b}, until {c}.",
    "The {a}'s {b}, the members’ {a}.",
    "{A}, {B}! ({c}) — {a}…",
]


def generated(words, templates, count, seed):
    rnd = random.Random(seed)
    out = []
    for k in range(count):
        a, b = rnd.choice(words), rnd.choice(words)
        t = templates[k % len(templates)]
        out.append(t.format(a=a, b=b, A=a.capitalize(), B=b.upper(), c=rnd.choice(CITATIONS)))
    return out


# ---------------------------------------------------------------- word lists
def compact(word, st):
    n = 0
    while n < len(word) and n < len(st) and word[n] == st[n]:
        n += 1
    return str(n) if n == len(st) else "%d:%s" % (n, st[n:])


def word_sample(path, step, extra_pred):
    words = []
    with open(path, encoding="utf-8") as f:
        for k, line in enumerate(f):
            w = unicodedata.normalize("NFC", line.strip())
            if not w or "'" in w or w != w.lower():
                continue
            if k % step == 0 or extra_pred(w):
                words.append(w)
    return words


def write_stems(name, words, lang):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        for w in words:
            f.write(w + "\t" + compact(w, stem(w, lang)) + "\n")


def snowball_version():
    from importlib.metadata import version
    return version("snowballstemmer")


def main():
    if not snowball_version().startswith(EXPECTED_SNOWBALL):
        sys.exit("snowballstemmer 3.x is required, found " + snowball_version())
    os.makedirs(OUT, exist_ok=True)
    rare = set("ëïüöùúàÿæœ")
    fr = word_sample(FRENCH_LIST, 14, lambda w: any(c in rare for c in w))
    write_stems("stems-fr.tsv", fr, "fr")
    en = []
    if os.path.exists(ENGLISH_LIST):
        en = [w for w in word_sample(ENGLISH_LIST, 17, lambda w: False) if w.isascii()]
        write_stems("stems-en.tsv", en, "en")
    sentences = [("fr", s) for s in SENTENCES_FR + generated(FR_WORDS, TEMPLATES_FR, 40, 1)]
    sentences += [("en", s) for s in SENTENCES_EN + generated(EN_WORDS, TEMPLATES_EN, 40, 2)]
    doc = {
        "version": 1,
        "snowballstemmer": snowball_version(),
        "stopWords": {"fr": STOP_FR, "en": STOP_EN},
        "elisions": ELISIONS,
        "fold": FOLD,
        "sentences": [{"lang": l, "text": s, "terms": analyze(s, l)} for l, s in sentences],
    }
    with open(os.path.join(OUT, "analyzer.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")
    print("french words: %d, english words: %d, sentences: %d" % (len(fr), len(en), len(sentences)))


if __name__ == "__main__":
    main()
