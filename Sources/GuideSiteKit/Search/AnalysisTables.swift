// Word lists and tables shared by the Swift and JavaScript analyzers.
// Keep identical to Themes/default/assets/search/analyzer.js and to
// scripts/generate-analysis-vectors.py (the tests compare them with
// Tests/Fixtures/analysis/analyzer.json).

/// The fixed word lists and character tables of the search text analysis.
public enum AnalysisTables {
    /// French stop words, accent-folded, lower case.
    public static let frenchStopWords: [String] = """
        a ai aie aient aies ait as au aucun aucune aupres aussi autre autres aux avaient avais avait avant avec \
        avez aviez avions avoir avons ayant c ca car ce ceci cela celle celles celui ces cet cette ceux chaque \
        chez comme comment d dans de des donc dont du elle elles en encore entre es est et etaient etais etait \
        etant etre eu eux il ils j je jusqu l la le les leur leurs lors lorsqu lorsque lui m ma mais me meme \
        memes mes moi mon n ne ni nos notre nous on ont ou par parce pas peu peut peuvent plusieurs pour \
        pourquoi puis puisqu puisque qu quand que quel quelle quelles quels qui quoi quoiqu s sa sans se selon \
        ses si sien soi soient sois soit sommes son sont sous suis sur t ta te tes toi ton tous tout toute \
        toutes tres tu un une unes uns vers via voici voila vos votre vous y
        """.split(separator: " ").map(String.init)

    /// English stop words, lower case.
    public static let englishStopWords: [String] = """
        a about after all also am an and any are as at be been before being both but by can could did do does \
        doing during each for from further had has have having he her here hers him his how i if in into is it \
        its itself just me more most my no nor not of off on once only or other our ours out over own s same \
        she should so some such t than that the their theirs them then there these they this those through to \
        too under until up very was we were what when where which while who whom why will with would you your \
        yours
        """.split(separator: " ").map(String.init)

    /// Words dropped when an apostrophe and a letter follow them (l'avis, qu’il, jusqu'à).
    public static let elisions: [String] = [
        "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "presqu", "puisqu", "qu", "quelqu", "quoiqu", "s", "t",
    ]

    static let foldFrom = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľłńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ"
    static let foldTo = "aaaaaaceeeeiiiinoooooouuuuyyaaaccccddeeeeegggghhiiiiijkllllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy"

    /// Accent folding of lower-case letters: "é" → "e", "œ" → "oe".
    public static let fold: [String: String] = {
        var table: [String: String] = ["ß": "ss", "æ": "ae", "œ": "oe"]
        for (a, b) in zip(foldFrom.unicodeScalars, foldTo.unicodeScalars) { table[String(a)] = String(b) }
        return table
    }()

    /// The folding table indexed by scalar value, for U+0000 to U+024F.
    static let foldScalars: [[UInt32]?] = {
        var t = [[UInt32]?](repeating: nil, count: 0x250)
        for (k, v) in fold {
            if let s = k.unicodeScalars.first, s.value < 0x250 { t[Int(s.value)] = searchScalars(v) }
        }
        return t
    }()
}
