/// Word lists for the synthetic French prose, written for this generator.
///
/// Each list is a block of lines; a noun line is `word gender [plural]` (gender `m` or `f`, the
/// plural only when it is not the regular one), an adjective line is `masculine [feminine]
/// [masculine plural]`, a verb line is an infinitive (regular -er and -ir verbs are conjugated by
/// rule) or `infinitive|3s|3p|imperfect stem|future stem|participle|subjunctive 3s` for the others.
enum Lexicon {
    /// People and bodies that act: subjects of sentences.
    static let agents = """
    professionnel m
    professionnelle f
    membre m
    client m
    cliente f
    patient m
    patiente f
    ordre m
    syndic m
    clinique f
    employeur m
    gestionnaire m
    équipe f
    stagiaire m
    collègue f
    pharmacien m
    pharmacienne f
    dentiste m
    médecin m
    infirmière f
    infirmier m
    psychologue f
    massothérapeute m
    hygiéniste f
    agence f
    plateforme f
    comité m
    inspecteur m
    inspectrice f
    administrateur m
    direction f
    association f
    cabinet m
    établissement m
    superviseur m
    superviseure f
    responsable m
    thérapeute f
    résident m
    résidente f
    assistante f
    technicien m
    conseillère f
    chercheur m
    chercheuse f
    enseignant m
    formatrice f
    coordonnateur m
    praticien m
    praticienne f
    proche m
    parent m
    famille f
    citoyen m
    citoyenne f
    journaliste m
    influenceur m
    influenceuse f
    fournisseur m
    partenaire m
    """

    /// Things, acts and ideas: objects and complements.
    static let things = """
    renseignement m
    dossier m
    consentement m
    publication f
    message m
    photo f
    commentaire m
    avis m
    témoignage m
    publicité f
    page f
    compte m
    profil m
    réseau m réseaux
    courriel m
    donnée f
    image f
    vidéo f
    lien m
    conversation f
    relation f
    confidentialité f
    secret m
    obligation f
    devoir m
    règle f
    principe m
    limite f
    risque m
    conflit m
    intérêt m
    rabais m
    prix m
    honoraire m
    tarif m
    promotion f
    annonce f
    campagne f
    réputation f
    plainte f
    enquête f
    décision f
    sanction f
    audience f
    demande f
    réponse f
    question f
    consultation f
    rendez-vous m
    traitement m
    soin m
    service m
    diagnostic m
    évaluation f
    ordonnance f
    médicament m
    suivi m
    note f
    rapport m
    registre m
    formulaire m
    politique f
    procédure f
    directive f
    norme f
    pratique f
    habitude f
    outil m
    logiciel m
    application f
    appareil m
    téléphone m
    ordinateur m
    tablette f
    mot de passe m mots de passe
    accès m
    sauvegarde f
    copie f
    capture f
    archive f
    fichier m
    document m
    contenu m
    texte m
    titre m
    signature f
    identité f
    adresse f
    numéro m
    nom m
    coordonnée f
    paramètre m
    réglage m
    visibilité f
    audience f
    abonné m
    groupe m
    forum m
    blogue m
    site m
    moteur m
    recherche f
    algorithme m
    mention f
    étiquette f
    partage m
    diffusion f
    exposition f
    atteinte f
    erreur f
    faute f
    manquement m
    négligence f
    prudence f
    vigilance f
    rigueur f
    dignité f
    respect m
    courtoisie f
    loyauté f
    honnêteté f
    intégrité f
    transparence f
    indépendance f
    objectivité f
    compétence f
    formation f
    connaissance f
    expérience f
    jugement m
    discernement m
    responsabilité f
    confiance f
    crédibilité f
    image de marque f images de marque
    distance f
    frontière f
    familiarité f
    amitié f
    invitation f
    cadeau m cadeaux
    avantage m
    commission f
    ristourne f
    entente f
    contrat m
    mandat m
    tiers m
    famille f
    mineur m
    aîné m
    personne f
    public m
    communauté f
    région f
    quartier m
    territoire m
    milieu m milieux
    contexte m
    situation f
    cas m
    exemple m
    scénario m
    difficulté f
    enjeu m enjeux
    défi m
    solution f
    mesure f
    précaution f
    étape f
    délai m
    période f
    moment m
    horaire m
    urgence f
    crise f
    pandémie f
    télépratique f
    téléconsultation f
    visioconférence f
    messagerie f
    clavardage m
    notification f
    alerte f
    incident m
    fuite f
    violation f
    vol m
    perte f
    piratage m
    chiffrement m
    authentification f
    serveur m
    hébergement m
    stockage m
    nuage m
    courrier m
    lettre f
    appel m
    entrevue f
    rencontre f
    réunion f
    atelier m
    colloque m
    conférence f
    balado m
    article de blogue m articles de blogue
    chronique f
    opinion f
    débat m
    polémique f
    critique f
    nuance f
    vérité f
    exactitude f
    source f
    référence f
    citation f
    auteur m
    droit m
    licence f
    autorisation f
    refus m
    retrait m
    correction f
    mise à jour f mises à jour
    version f
    modèle m
    gabarit m
    grille f
    liste f
    tableau m tableaux
    bilan m
    portrait m
    statistique f
    tendance f
    sondage m
    étude f
    analyse f
    """

    /// Adjectives; placed after the noun unless listed in `preposedAdjectives`.
    static let adjectives = """
    professionnel
    personnel
    confidentiel
    public
    privé
    clinique
    numérique
    virtuel
    réel
    éthique
    déontologique
    juridique
    administratif
    disciplinaire
    prudent
    clair
    complet
    exact
    fidèle
    trompeur trompeuse
    faux fausse faux
    incomplet
    vérifiable
    raisonnable
    excessif
    sensible
    délicat
    fragile
    vulnérable
    libre
    éclairé
    écrit
    verbal verbale verbaux
    explicite
    implicite
    préalable
    récent
    ancien ancienne
    actuel
    ponctuel
    régulier
    quotidien quotidienne
    hebdomadaire
    annuel
    interne
    externe
    sécurisé
    chiffré
    protégé
    partagé
    anonyme
    identifiable
    nominatif
    commercial commerciale commerciaux
    promotionnel
    gratuit
    payant
    onéreux
    coûteux
    discret
    visible
    accessible
    transparent
    honnête
    courtois
    respectueux
    loyal loyale loyaux
    objectif
    indépendant
    compétent
    rigoureux
    attentif
    responsable
    humain
    sérieux
    important
    majeur
    mineur
    grave
    léger légère
    fréquent
    rare
    inhabituel
    nouveau nouvelle nouveaux
    moderne
    traditionnel
    local locale locaux
    régional régionale régionaux
    provincial provinciale provinciaux
    national nationale nationaux
    international internationale internationaux
    social sociale sociaux
    médical médicale médicaux
    dentaire
    pharmaceutique
    thérapeutique
    psychologique
    familial familiale familiaux
    collectif
    individuel
    commun
    distinct
    particulier particulière
    général générale généraux
    spécifique
    précis
    concret concrète
    simple
    utile
    pertinent
    nécessaire
    essentiel
    suffisant
    approprié
    adéquat
    conforme
    contraire
    interdit
    permis
    toléré
    risqué
    dangereux
    inquiétant
    problématique
    ambigu ambiguë
    flou
    imprécis
    spontané
    volontaire
    involontaire
    automatique
    ciblé
    massif
    durable
    temporaire
    permanent
    """

    static let preposedAdjectives: Set<String> = ["nouveau", "ancien", "simple", "véritable", "seul", "bon", "grand", "petit"]

    /// Transitive verbs: they take a direct object.
    static let transitiveVerbs = """
    consulter
    publier
    protéger
    partager
    encadrer
    vérifier
    documenter
    signaler
    conserver
    respecter
    informer
    examiner
    préciser
    expliquer
    évaluer
    analyser
    accompagner
    adapter
    modifier
    présenter
    utiliser
    diffuser
    supprimer
    archiver
    sécuriser
    identifier
    clarifier
    limiter
    autoriser
    refuser
    accepter
    demander
    recommander
    encourager
    décourager
    surveiller
    contrôler
    corriger
    réviser
    rédiger
    noter
    consigner
    transférer
    déléguer
    confier
    réclamer
    justifier
    motiver
    annoncer
    afficher
    promouvoir|promeut|promeuvent|promouv|promouvr|promu|promeuve
    vanter
    comparer
    critiquer
    dénoncer
    commenter
    relayer
    retirer
    masquer
    bloquer
    filtrer
    modérer
    trier
    classer
    préserver
    garder
    protéger
    sauvegarder
    chiffrer
    détruire|détruit|détruisent|détruis|détruir|détruit|détruise
    prendre|prend|prennent|pren|prendr|pris|prenne
    mettre|met|mettent|mett|mettr|mis|mette
    faire|fait|font|fais|fer|fait|fasse
    obtenir|obtient|obtiennent|obten|obtiendr|obtenu|obtienne
    maintenir|maintient|maintiennent|mainten|maintiendr|maintenu|maintienne
    interdire|interdit|interdisent|interdis|interdir|interdit|interdise
    décrire|décrit|décrivent|décriv|décrir|décrit|décrive
    produire|produit|produisent|produis|produir|produit|produise
    permettre|permet|permettent|permett|permettr|permis|permette
    recevoir|reçoit|reçoivent|recev|recevr|reçu|reçoive
    soumettre|soumet|soumettent|soumett|soumettr|soumis|soumette
    transmettre|transmet|transmettent|transmett|transmettr|transmis|transmette
    comprendre|comprend|comprennent|compren|comprendr|compris|comprenne
    choisir
    définir
    établir
    remplir
    fournir
    garantir
    réunir
    saisir
    bâtir
    enrichir
    """

    /// Modal and semi-modal constructions, singular and plural, followed by an infinitive.
    static let modals: [(singular: String, plural: String)] = [
        ("doit", "doivent"), ("peut", "peuvent"), ("devrait", "devraient"), ("pourrait", "pourraient"),
        ("veille à", "veillent à"), ("s'efforce de", "s'efforcent de"), ("évite de", "évitent de"),
        ("s'abstient de", "s'abstiennent de"), ("cherche à", "cherchent à"), ("prend soin de", "prennent soin de"),
        ("a tout intérêt à", "ont tout intérêt à"), ("gagne à", "gagnent à"), ("hésite à", "hésitent à"),
        ("choisit de", "choisissent de"), ("refuse de", "refusent de"), ("accepte de", "acceptent de"),
        ("continue de", "continuent de"), ("commence à", "commencent à"), ("tente de", "tentent de"),
        ("n'a pas à", "n'ont pas à"), ("ne doit pas", "ne doivent pas"), ("ne peut pas", "ne peuvent pas"),
    ]

    static let adverbs = """
    toujours
    rarement
    souvent
    systématiquement
    clairement
    rapidement
    prudemment
    attentivement
    régulièrement
    immédiatement
    raisonnablement
    explicitement
    discrètement
    généralement
    progressivement
    notamment
    parfois
    volontiers
    facilement
    difficilement
    légitimement
    simplement
    réellement
    entièrement
    partiellement
    ensuite
    aussitôt
    désormais
    encore
    déjà
    """

    static let connectors = """
    Par ailleurs
    En pratique
    De plus
    Ainsi
    Dans certains cas
    En revanche
    Concrètement
    Pour cette raison
    Au quotidien
    Dans le doute
    Le plus souvent
    En outre
    À l'inverse
    De la même façon
    Dans ce contexte
    Avant tout
    Enfin
    D'abord
    Ensuite
    Toutefois
    Néanmoins
    Pourtant
    Bref
    Autrement dit
    Du reste
    Sur le terrain
    Dans les faits
    À première vue
    Avec le recul
    Dans bien des milieux
    Pour la plupart des ordres
    Selon les circonstances
    Sauf exception
    À plus forte raison
    En cas d'hésitation
    """

    /// Circumstances added at the end of a clause.
    static let circumstances = """
    sur les médias sociaux
    en télépratique
    lors d'une consultation
    pendant une urgence
    au moment de publier
    en dehors des heures de travail
    dans un groupe privé
    sur un forum de discussion
    dans une messagerie instantanée
    sur le site de la clinique
    dans un courriel de suivi
    lors d'un colloque
    devant un public non averti
    auprès d'une clientèle vulnérable
    en présence d'un proche
    pendant une visioconférence
    au cours d'une enquête
    avant toute diffusion
    après la fin du suivi
    dans une publicité ciblée
    sur une plateforme d'évaluation
    dans une vidéo en direct
    sur un compte personnel
    sur une page professionnelle
    dans le dossier du client
    au bureau comme à domicile
    en région éloignée
    dans un contexte de pénurie
    lors d'une campagne de sensibilisation
    dans un article de vulgarisation
    """

    /// Tags, most frequent first (they are drawn with a Zipf bias).
    static let tags = """
    médias sociaux
    confidentialité
    consentement
    publicité
    témoignages
    secret professionnel
    télépratique
    dossier
    réputation en ligne
    distance professionnelle
    conflits d'intérêts
    honoraires
    courriel
    sécurité de l'information
    photographies
    vidéos
    diffamation
    droit d'auteur
    intelligence artificielle
    messagerie
    avis en ligne
    influenceurs
    mineurs
    aînés
    formation continue
    inspection professionnelle
    discipline
    plaintes
    syndic
    tenue de dossiers
    vie privée
    liberté d'expression
    opinions
    vulgarisation
    santé publique
    urgences
    pandémie
    rabais
    concours
    cadeaux
    référencement
    moteurs de recherche
    mots de passe
    chiffrement
    sauvegardes
    incidents de sécurité
    fuites de données
    hébergement infonuagique
    applications mobiles
    objets connectés
    visioconférence
    clavardage
    rendez-vous en ligne
    communication
    langage clair
    accessibilité
    éthique
    gouvernance
    responsabilité
    supervision
    """

    static let givenNames = """
    Julie Marc Sophie Louis Catherine Mathieu Isabelle Philippe Nathalie François Geneviève Alexandre
    Marie-Ève Jean-Philippe Émilie Olivier Karine Simon Chantal Benoît Valérie Martin Annie Pierre-Luc
    Mélanie Guillaume Caroline Sébastien Josée Nicolas Audrey Étienne Manon Vincent Stéphanie Maxime
    Véronique Jérôme Élise Gabriel Noémie Samuel Ariane Antoine Camille Félix Léa Raphaël Rosalie Thomas
    Marianne David Laurence Hugo Béatrice Charles Florence Éric Sylvie Denis Hélène Yves Lucie André
    """

    static let towns = """
    Rimouski Sherbrooke Trois-Rivières Saguenay Gatineau Longueuil Laval Lévis Drummondville Granby
    Saint-Hyacinthe Shawinigan Victoriaville Rouyn-Noranda Val-d'Or Sept-Îles Baie-Comeau Gaspé Matane
    Joliette Terrebonne Repentigny Blainville Mirabel Saint-Jérôme Mont-Laurier Alma Dolbeau-Mistassini
    Roberval Chibougamau Amos La Sarre Magog Cowansville Sorel-Tracy Thetford Mines Montmagny Rivière-du-Loup
    Saint-Georges Beloeil Chambly Châteauguay Vaudreuil-Dorion Salaberry-de-Valleyfield Sainte-Julie Boucherville
    Québec Montréal Rigaud Lachute Maniwaki Nicolet Bécancour La Tuque Carleton-sur-Mer New Richmond Percé
    """

    /// Syllables for surnames and place names of the long tail.
    static let syllables = [
        "ber", "ga", "lan", "mo", "ri", "chau", "de", "vil", "la", "ton", "mar", "ti", "neau", "bou", "cher",
        "lé", "vesque", "ro", "bi", "chard", "gi", "rard", "pel", "le", "tier", "fon", "taine", "du", "mont",
        "bé", "ger", "ouel", "lette", "pa", "quin", "ca", "ron", "sa", "vard", "mé", "nard", "gau", "thier",
        "pointe", "jar", "din", "tre", "blay", "cô", "té", "gi", "roux", "four", "nier", "lau", "zon", "bra",
        "sseur", "va", "chon", "pi", "card", "dan", "sereau", "fré", "chette", "beau", "lieu", "cam", "peau",
    ]
}

/// A noun with what agreement needs.
struct Noun: Sendable {
    var singular: String
    var plural: String
    var feminine: Bool
}

/// An adjective's four forms.
struct Adjective: Sendable {
    var ms: String, fs: String, mp: String, fp: String
    var preposed: Bool

    func form(feminine: Bool, plural: Bool) -> String {
        switch (feminine, plural) {
        case (false, false): ms
        case (true, false): fs
        case (false, true): mp
        case (true, true): fp
        }
    }
}

/// A verb's forms, third person.
struct Verb: Sendable {
    var infinitive: String
    var present3s: String, present3p: String
    var imperfectStem: String  // + ait / aient
    var futureStem: String  // + a / ont / ait / aient
    var participle: String
    var subjunctive3s: String
}

/// The parsed lists.
struct Vocabulary: Sendable {
    let agents: [Noun]
    let things: [Noun]
    let adjectives: [Adjective]
    let verbs: [Verb]
    let adverbs: [String]
    let connectors: [String]
    let circumstances: [String]
    let tags: [String]
    let givenNames: [String]
    let towns: [String]

    static let shared = Vocabulary()

    init() {
        func lines(_ s: String) -> [String] {
            s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func nouns(_ s: String) -> [Noun] {
            lines(s).map { line in
                // "mot de passe m mots de passe": the gender is the first lone "m"/"f" token.
                let words = line.split(separator: " ").map(String.init)
                let g = words.firstIndex { $0 == "m" || $0 == "f" }!
                let singular = words[..<g].joined(separator: " ")
                let rest = words[(g + 1)...].joined(separator: " ")
                return Noun(singular: singular, plural: rest.isEmpty ? Self.regularPlural(singular) : rest, feminine: words[g] == "f")
            }
        }
        agents = nouns(Lexicon.agents)
        things = nouns(Lexicon.things)
        adjectives = lines(Lexicon.adjectives).map { line in
            let f = line.split(separator: " ").map(String.init)
            let ms = f[0]
            let fs = f.count > 1 ? f[1] : Self.feminine(ms)
            let mp = f.count > 2 ? f[2] : Self.regularPlural(ms)
            return Adjective(ms: ms, fs: fs, mp: mp, fp: Self.regularPlural(fs), preposed: Lexicon.preposedAdjectives.contains(ms))
        }
        var seen: Set<String> = []
        verbs = lines(Lexicon.transitiveVerbs).compactMap { line in
            let f = line.split(separator: "|").map(String.init)
            guard seen.insert(f[0]).inserted else { return nil }
            if f.count == 7 {
                return Verb(infinitive: f[0], present3s: f[1], present3p: f[2], imperfectStem: f[3], futureStem: f[4], participle: f[5], subjunctive3s: f[6])
            }
            return Self.regularVerb(f[0])
        }
        adverbs = lines(Lexicon.adverbs)
        connectors = lines(Lexicon.connectors)
        circumstances = lines(Lexicon.circumstances)
        tags = lines(Lexicon.tags)
        givenNames = Lexicon.givenNames.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        // Town names may contain spaces ("La Sarre"): those are written with a non-breaking marker below.
        towns = Self.townList()
    }

    static func townList() -> [String] {
        let raw = Lexicon.towns.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        var out: [String] = []
        var i = 0
        while i < raw.count {
            if (raw[i] == "La" || raw[i] == "Thetford") && i + 1 < raw.count {
                out.append(raw[i] + " " + raw[i + 1]); i += 2
            } else {
                out.append(raw[i]); i += 1
            }
        }
        return out
    }

    static func regularPlural(_ word: String) -> String {
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("z") { return word }
        if word.hasSuffix("al") && !["final", "banal", "fatal", "natal", "naval"].contains(word) { return String(word.dropLast(2)) + "aux" }
        if word.hasSuffix("eau") || word.hasSuffix("eu") { return word + "x" }
        return word + "s"
    }

    static func feminine(_ word: String) -> String {
        if word.hasSuffix("e") { return word }
        if word.hasSuffix("eux") { return String(word.dropLast(3)) + "euse" }
        if word.hasSuffix("if") { return String(word.dropLast(2)) + "ive" }
        if word.hasSuffix("el") { return word + "le" }
        if word.hasSuffix("en") { return word + "ne" }
        if word.hasSuffix("on") { return word + "ne" }
        if word.hasSuffix("er") { return String(word.dropLast(2)) + "ère" }
        if word.hasSuffix("et") { return String(word.dropLast(2)) + "ète" }
        if word.hasSuffix("c") && word != "public" { return word + "he" }
        if word == "public" { return "publique" }
        return word + "e"
    }

    static func regularVerb(_ infinitive: String) -> Verb {
        let stem = String(infinitive.dropLast(2))
        if infinitive.hasSuffix("ir") {
            return Verb(infinitive: infinitive, present3s: stem + "it", present3p: stem + "issent", imperfectStem: stem + "iss",
                        futureStem: infinitive, participle: stem + "i", subjunctive3s: stem + "isse")
        }
        // -ger and -cer keep their sound before a and o.
        let softStem = infinitive.hasSuffix("ger") ? stem + "e" : infinitive.hasSuffix("cer") ? String(stem.dropLast()) + "ç" : stem
        // é in the last syllable of the stem (protéger, préférer) becomes è before a mute ending.
        var presentStem = stem
        if let r = stem.range(of: "é", options: .backwards), stem.distance(from: r.upperBound, to: stem.endIndex) <= 2,
           stem[r.upperBound...].allSatisfy({ !"aeiouyéè".contains($0) }) {
            presentStem.replaceSubrange(r, with: "è")
        }
        return Verb(infinitive: infinitive, present3s: presentStem + "e", present3p: presentStem + "ent", imperfectStem: softStem,
                    futureStem: infinitive, participle: stem + "é", subjunctive3s: presentStem + "e")
    }
}

import Foundation
