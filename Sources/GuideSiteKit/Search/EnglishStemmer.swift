// The Snowball English ("Porter2") stemming algorithm, as shipped with
// Snowball 3, written from the algorithm's description. Words are arrays of
// Unicode scalar values, lower case; upper-case Y is the algorithm's marker.

enum EnglishStemmer {
    @inline(__always) static func isVowel(_ c: UInt32) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true
        default: return false
        }
    }

    static let exceptions1: [[UInt32]: [UInt32]] = {
        var d: [[UInt32]: [UInt32]] = [:]
        let pairs = [
            ("skis", "ski"), ("skies", "sky"),
            ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"),
            ("singly", "singl"), ("sky", "sky"), ("news", "news"), ("howe", "howe"),
            ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
        ]
        for (k, v) in pairs { d[searchScalars(k)] = searchScalars(v) }
        return d
    }()
    static let regionPrefixes = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"]
    static let eedStems = StemSuffixTable([("succ", 1), ("proc", 1), ("exc", 1)])
    static let ingStems = StemSuffixTable([
        ("even", 2), ("cann", 2), ("inn", 2), ("earr", 2), ("herr", 2), ("out", 2), ("y", 1),
    ])

    static let step1a = StemSuffixTable([("sses", 1), ("ied", 2), ("ies", 2), ("s", 3), ("us", 4), ("ss", 4)])
    static let step1b = StemSuffixTable([
        ("eed", 1), ("eedly", 1), ("ed", 2), ("edly", 2), ("ing", 3), ("ingly", 3),
    ])
    static let step1bTail = StemSuffixTable(
        [("at", 1), ("bl", 1), ("iz", 1)]
            + ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map { ($0, 2) })
    static let step2 = StemSuffixTable([
        ("tional", 1), ("enci", 2), ("anci", 3), ("abli", 4), ("entli", 5), ("izer", 6), ("ization", 6),
        ("ational", 7), ("ation", 7), ("ator", 7), ("alism", 8), ("aliti", 8), ("alli", 8),
        ("fulness", 9), ("ousli", 10), ("ousness", 10), ("iveness", 11), ("iviti", 11),
        ("biliti", 12), ("bli", 12), ("ogi", 13), ("ogist", 17), ("fulli", 14), ("lessli", 15), ("li", 16),
    ])
    static let step2Replacements: [Int: String] = [
        1: "tion", 2: "ence", 3: "ance", 4: "able", 5: "ent", 6: "ize", 7: "ate", 8: "al",
        9: "ful", 10: "ous", 11: "ive", 12: "ble", 14: "ful", 15: "less", 17: "og",
    ]
    static let step3 = StemSuffixTable([
        ("tional", 1), ("ational", 2), ("alize", 3), ("icate", 4), ("iciti", 4), ("ical", 4),
        ("ful", 5), ("ness", 5), ("ative", 6),
    ])
    static let step4 = StemSuffixTable(
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
         "iti", "ous", "ive", "ize"].map { ($0, 1) } + [("ion", 2)])
    static let validLI: Set<UInt32> = Set(searchScalars("cdeghkmnrt"))

    /// Stems one lower-case word.
    static func stem(_ input: [UInt32]) -> [UInt32] {
        if let e = exceptions1[input] { return e }
        if input.count < 3 { return input }
        var w = input
        // Prelude.
        if w.first == StemChar.apostrophe { w.removeFirst() }
        var yFound = false
        if w.first == StemChar.y {
            w[0] = StemChar.Y
            yFound = true
        }
        var c = 0
        while c < w.count {
            if isVowel(w[c]), c + 1 < w.count, w[c + 1] == StemChar.y {
                w[c + 1] = StemChar.Y
                yFound = true
                c += 2
            } else {
                c += 1
            }
        }
        // Regions.
        let n = w.count
        var p1 = n
        var p2 = n
        var start: Int?
        for prefix in regionPrefixes where FrenchStemmer.hasPrefix(w, prefix) {
            start = max(start ?? 0, prefix.unicodeScalars.count)
        }
        if start == nil { start = afterVowelConsonant(w, from: 0) }
        if let s = start {
            p1 = s
            p2 = afterVowelConsonant(w, from: s) ?? n
        }
        steps(&w, p1: p1, p2: p2)
        if yFound {
            for k in w.indices where w[k] == StemChar.Y { w[k] = StemChar.y }
        }
        return w
    }

    static func afterVowelConsonant(_ w: [UInt32], from: Int) -> Int? {
        var k = from
        while k < w.count && !isVowel(w[k]) { k += 1 }
        if k >= w.count { return nil }
        k += 1
        while k < w.count && isVowel(w[k]) { k += 1 }
        if k >= w.count { return nil }
        return k + 1
    }

    /// Short syllable ending at `end` (exclusive).
    static func shortV(_ w: [UInt32], end: Int) -> Bool {
        guard end >= 2 else { return false }
        let last = w[end - 1]
        if end >= 3, !isVowel(last), last != 0x77, last != 0x78, last != StemChar.Y,
            isVowel(w[end - 2]), !isVowel(w[end - 3])
        {
            return true
        }
        if !isVowel(last) && isVowel(w[end - 2]) && end - 2 == 0 { return true }
        return end >= 4 && w[end - 4] == 0x70 && w[end - 3] == StemChar.a && w[end - 2] == StemChar.s && last == StemChar.t
    }

    static func hasVowel(_ w: [UInt32], before end: Int) -> Bool {
        var k = 0
        while k < end {
            if isVowel(w[k]) { return true }
            k += 1
        }
        return false
    }

    static func step1b(_ w: inout [UInt32], p1: Int) {
        guard let (s, code) = step1b.longest(in: w) else { return }
        if code == 1 {
            // -eed, -eedly: "ee" in R1, except succeed, proceed, exceed.
            if s >= p1 {
                let head = Array(w[0..<s])
                if let (start, _) = eedStems.longest(in: head), start == 0 { return }
                FrenchStemmer.replace(&w, from: s, with: "ee")
            }
            return
        }
        if code == 3, let (start, kind) = ingStems.longest(in: Array(w[0..<s])) {
            if kind == 1 {
                // dying, lying, tying → die, lie, tie.
                if start == 1, !isVowel(w[0]) {
                    FrenchStemmer.replace(&w, from: start, with: "ie")
                    return
                }
            } else if start == 0 {
                return  // inning, outing, canning, herring, earring, evening
            }
        }
        guard hasVowel(w, before: s) else { return }
        w.removeSubrange(s...)
        if let (_, tail) = step1bTail.longest(in: w) {
            if tail == 1 {
                w.append(StemChar.e)
            } else {
                let k = w.count - 2
                if !(k == 1 && (w[0] == StemChar.a || w[0] == StemChar.e || w[0] == 0x6F)) { w.removeLast() }
            }
        } else if w.count == p1, shortV(w, end: w.count) {
            w.append(StemChar.e)
        }
    }

    static func steps(_ w: inout [UInt32], p1: Int, p2: Int) {
        // Step 1a.
        if w.count >= 3, w[w.count - 3] == StemChar.apostrophe, w[w.count - 2] == StemChar.s, w[w.count - 1] == StemChar.apostrophe {
            w.removeLast(3)
        } else if w.count >= 2, w[w.count - 2] == StemChar.apostrophe, w[w.count - 1] == StemChar.s {
            w.removeLast(2)
        } else if w.last == StemChar.apostrophe {
            w.removeLast()
        }
        if let (s, code) = step1a.longest(in: w) {
            switch code {
            case 1: FrenchStemmer.replace(&w, from: s, with: "ss")
            case 2: FrenchStemmer.replace(&w, from: s, with: s >= 2 ? "i" : "ie")
            case 3: if s >= 1, hasVowel(w, before: s - 1) { w.removeLast() }
            default: break
            }
        }
        // Step 1b.
        step1b(&w, p1: p1)
        // Step 1c.
        if w.count >= 3, let last = w.last, last == StemChar.y || last == StemChar.Y, !isVowel(w[w.count - 2]) {
            w[w.count - 1] = StemChar.i
        }
        // Step 2.
        if let (s, code) = step2.longest(in: w), s >= p1 {
            if let rep = step2Replacements[code] {
                FrenchStemmer.replace(&w, from: s, with: rep)
            } else if code == 13 {
                if s >= 1, w[s - 1] == StemChar.l { FrenchStemmer.replace(&w, from: s, with: "og") }
            } else if s >= 1, validLI.contains(w[s - 1]) {
                w.removeSubrange(s...)
            }
        }
        // Step 3.
        if let (s, code) = step3.longest(in: w), s >= p1 {
            switch code {
            case 1: FrenchStemmer.replace(&w, from: s, with: "tion")
            case 2: FrenchStemmer.replace(&w, from: s, with: "ate")
            case 3: FrenchStemmer.replace(&w, from: s, with: "al")
            case 4: FrenchStemmer.replace(&w, from: s, with: "ic")
            case 5: w.removeSubrange(s...)
            default: if s >= p2 { w.removeSubrange(s...) }
            }
        }
        // Step 4.
        if let (s, code) = step4.longest(in: w), s >= p2 {
            if code == 1 {
                w.removeSubrange(s...)
            } else if s >= 1, w[s - 1] == StemChar.s || w[s - 1] == StemChar.t {
                w.removeSubrange(s...)
            }
        }
        // Step 5.
        if let last = w.last {
            let s = w.count - 1
            if last == StemChar.e {
                if s >= p2 || (s >= p1 && !shortV(w, end: s)) { w.removeLast() }
            } else if last == StemChar.l {
                if s >= p2, s >= 1, w[s - 1] == StemChar.l { w.removeLast() }
            }
        }
    }
}
