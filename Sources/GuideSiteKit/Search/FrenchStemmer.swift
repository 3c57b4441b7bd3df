// The Snowball French stemming algorithm (the version shipped with Snowball 3),
// written from the algorithm's description. Words are arrays of Unicode scalar
// values, lower case. Upper-case I, U, Y and H are the algorithm's internal
// markers, as in the description.

/// A compiled suffix table: the suffixes as scalar arrays with an action code.
struct StemSuffixTable: Sendable {
    let entries: [(suffix: [UInt32], code: Int)]

    init(_ list: [(String, Int)]) {
        entries = list.map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }
    }

    /// The longest suffix of `word` that starts at or after `limit`:
    /// the start of the suffix and its code, or nil.
    func longest(in word: [UInt32], limit: Int = 0) -> (start: Int, code: Int)? {
        var best: (start: Int, code: Int)?
        var bestLength = -1
        let n = word.count
        for entry in entries {
            let m = entry.suffix.count
            if m <= bestLength || n - m < limit { continue }
            var k = 0
            while k < m && word[n - m + k] == entry.suffix[k] { k += 1 }
            if k == m {
                best = (n - m, entry.code)
                bestLength = m
            }
        }
        return best
    }
}

enum StemChar {
    static let a: UInt32 = 0x61, c: UInt32 = 0x63, e: UInt32 = 0x65, i: UInt32 = 0x69
    static let l: UInt32 = 0x6C, q: UInt32 = 0x71, s: UInt32 = 0x73, t: UInt32 = 0x74
    static let u: UInt32 = 0x75, y: UInt32 = 0x79
    static let H: UInt32 = 0x48, I: UInt32 = 0x49, U: UInt32 = 0x55, Y: UInt32 = 0x59
    static let apostrophe: UInt32 = 0x27
    static let cCedilla: UInt32 = 0xE7, eAcute: UInt32 = 0xE9, eGrave: UInt32 = 0xE8
    static let eDiaeresis: UInt32 = 0xEB, iDiaeresis: UInt32 = 0xEF
}

@inline(__always) func searchScalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

enum FrenchStemmer {
    @inline(__always) static func isVowel(_ c: UInt32) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y
        case 0xE2, 0xE0, 0xEB, 0xE9, 0xEA, 0xE8, 0xEF, 0xEE, 0xF4, 0xFB, 0xF9: return true  // â à ë é ê è ï î ô û ù
        default: return false
        }
    }

    static let standard = StemSuffixTable([
        ("ance", 1), ("iqUe", 1), ("isme", 1), ("able", 1), ("iste", 1), ("eux", 1),
        ("ances", 1), ("iqUes", 1), ("ismes", 1), ("ables", 1), ("istes", 1),
        ("atrice", 2), ("ateur", 2), ("ation", 2), ("atrices", 2), ("ateurs", 2), ("ations", 2),
        ("logie", 3), ("logies", 3),
        ("usion", 4), ("ution", 4), ("usions", 4), ("utions", 4),
        ("ence", 5), ("ences", 5),
        ("ement", 6), ("ements", 6),
        ("it\u{E9}", 7), ("it\u{E9}s", 7),
        ("if", 8), ("ive", 8), ("ifs", 8), ("ives", 8),
        ("eaux", 9), ("aux", 10), ("oux", 11), ("euse", 12), ("euses", 12),
        ("issement", 13), ("issements", 13),
        ("amment", 14), ("emment", 15), ("ment", 16), ("ments", 16),
    ])
    static let afterEment = StemSuffixTable([
        ("iv", 1), ("eus", 2), ("abl", 3), ("iqU", 3), ("i\u{E8}r", 4), ("I\u{E8}r", 4),
    ])
    static let afterIte = StemSuffixTable([("abil", 1), ("ic", 2), ("iv", 3)])
    static let iVerb = StemSuffixTable([
        "\u{EE}mes", "\u{EE}t", "\u{EE}tes", "i", "ie", "ies", "ir", "ira", "irai",
        "iraIent", "irais", "irait", "iras", "irent", "irez", "iriez",
        "irions", "irons", "iront", "is", "issaIent", "issais", "issait",
        "issant", "issante", "issantes", "issants", "isse", "issent", "isses",
        "issez", "issiez", "issions", "issons", "it",
    ].map { ($0, 1) })
    static let verb = StemSuffixTable(
        [("ions", 1)]
            + [
                "\u{E9}", "\u{E9}e", "\u{E9}es", "\u{E9}s", "\u{E8}rent", "er", "era", "erai",
                "eraIent", "erais", "erait", "eras", "erez", "eriez", "erions",
                "erons", "eront", "ez", "iez", "eais",
            ].map { ($0, 2) }
            + [
                "\u{E2}mes", "\u{E2}t", "\u{E2}tes", "a", "ai", "aIent", "ait", "ant",
                "ante", "antes", "ants", "as", "asse", "assent", "asses", "assiez", "assions",
            ].map { ($0, 3) }
            + [("ais", 4), ("aise", 4), ("aises", 4)])
    static let beforeAis = StemSuffixTable([("al", 1), ("\u{E9}pl", 2), ("auv", 2)])
    static let residual = StemSuffixTable([
        ("ion", 1), ("ier", 2), ("i\u{E8}re", 2), ("Ier", 2), ("I\u{E8}re", 2), ("e", 3),
    ])
    static let undouble = StemSuffixTable([("enn", 1), ("onn", 1), ("ett", 1), ("ell", 1), ("eill", 1)])
    static let elisionChars: Set<UInt32> = Set(searchScalars("cdjlmnst"))
    static let ouxEnding: Set<UInt32> = Set(searchScalars("bhjlnp"))
    static let keepWithS: Set<UInt32> = Set(searchScalars("aiou\u{E8}s"))

    /// Stems one lower-case word.
    static func stem(_ input: [UInt32]) -> [UInt32] {
        var w = input
        // Elisions.
        if w.count > 2, elisionChars.contains(w[0]), w[1] == StemChar.apostrophe {
            w.removeFirst(2)
        } else if w.count > 3, w[0] == StemChar.q, w[1] == StemChar.u, w[2] == StemChar.apostrophe {
            w.removeFirst(3)
        }
        prelude(&w)
        let (pV, p1, p2) = regions(w)
        var r = Regions(pV: pV, p1: p1, p2: p2)

        if standardSuffix(&w, &r) || iVerbSuffix(&w, r) || verbSuffix(&w, r) {
            if let last = w.last {
                if last == StemChar.Y {
                    w[w.count - 1] = StemChar.i
                } else if last == StemChar.cCedilla {
                    w[w.count - 1] = StemChar.c
                }
            }
        } else {
            residualSuffix(&w, r)
        }
        if undouble.longest(in: w) != nil { w.removeLast() }
        unAccent(&w)
        return postlude(w)
    }

    struct Regions {
        var pV: Int
        var p1: Int
        var p2: Int
    }

    /// Marks u, i and y as consonants (U, I, Y) and rewrites ë, ï as He, Hi.
    /// After a change the same position is examined again.
    static func prelude(_ w: inout [UInt32]) {
        var c = 0
        while c < w.count {
            if preludeStep(&w, c) { continue }
            c += 1
        }
    }

    private static func preludeStep(_ w: inout [UInt32], _ c: Int) -> Bool {
        let ch = w[c]
        if isVowel(ch), c + 1 < w.count {
            let next = w[c + 1]
            if next == StemChar.u, c + 2 < w.count, isVowel(w[c + 2]) {
                w[c + 1] = StemChar.U
                return true
            }
            if next == StemChar.i, c + 2 < w.count, isVowel(w[c + 2]) {
                w[c + 1] = StemChar.I
                return true
            }
            if next == StemChar.y {
                w[c + 1] = StemChar.Y
                return true
            }
        }
        if ch == StemChar.eDiaeresis || ch == StemChar.iDiaeresis {
            w[c] = ch == StemChar.eDiaeresis ? StemChar.e : StemChar.i
            w.insert(StemChar.H, at: c)
            return true
        }
        if ch == StemChar.y, c + 1 < w.count, isVowel(w[c + 1]) {
            w[c] = StemChar.Y
            return true
        }
        if ch == StemChar.q, c + 1 < w.count, w[c + 1] == StemChar.u {
            w[c + 1] = StemChar.U
            return true
        }
        return false
    }

    static func hasPrefix(_ w: [UInt32], _ p: String) -> Bool {
        var k = 0
        for s in p.unicodeScalars {
            if k >= w.count || w[k] != s.value { return false }
            k += 1
        }
        return true
    }

    /// Position just after the first non-vowel that follows a vowel, from `from`.
    static func afterVowelConsonant(_ w: [UInt32], from: Int) -> Int? {
        var k = from
        while k < w.count && !isVowel(w[k]) { k += 1 }
        if k >= w.count { return nil }
        k += 1
        while k < w.count && isVowel(w[k]) { k += 1 }
        if k >= w.count { return nil }
        return k + 1
    }

    static func regions(_ w: [UInt32]) -> (Int, Int, Int) {
        let n = w.count
        var pV = n
        if n >= 3 && isVowel(w[0]) && isVowel(w[1]) {
            pV = 3
        } else if hasPrefix(w, "par") || hasPrefix(w, "col") || hasPrefix(w, "tap") {
            pV = 3
        } else if hasPrefix(w, "ni") && n >= 3 && isVowel(w[2]) {
            pV = 3
        } else if n >= 1 {
            var k = 1
            while k < n && !isVowel(w[k]) { k += 1 }
            if k < n { pV = k + 1 }
        }
        var p1 = n
        var p2 = n
        if let a = afterVowelConsonant(w, from: 0) {
            p1 = a
            if let b = afterVowelConsonant(w, from: a) { p2 = b }
        }
        return (pV, p1, p2)
    }

    @inline(__always) static func ends(_ w: [UInt32], _ s: String) -> Int? {
        let sc = searchScalars(s)
        guard w.count >= sc.count else { return nil }
        let start = w.count - sc.count
        for k in 0..<sc.count where w[start + k] != sc[k] { return nil }
        return start
    }

    @inline(__always) static func replace(_ w: inout [UInt32], from start: Int, with s: String) {
        w.replaceSubrange(start..<w.count, with: searchScalars(s))
    }

    /// `try ( ['ic'] (R2 delete) or <- 'iqU' )`
    static func icTail(_ w: inout [UInt32], _ r: Regions) {
        if let s = ends(w, "ic") {
            if s >= r.p2 { w.removeSubrange(s...) } else { replace(&w, from: s, with: "iqU") }
        }
    }

    static func standardSuffix(_ w: inout [UInt32], _ r: inout Regions) -> Bool {
        guard let (s, code) = standard.longest(in: w) else { return false }
        switch code {
        case 1:
            guard s >= r.p2 else { return false }
            w.removeSubrange(s...)
        case 2:
            guard s >= r.p2 else { return false }
            w.removeSubrange(s...)
            icTail(&w, r)
        case 3:
            guard s >= r.p2 else { return false }
            replace(&w, from: s, with: "log")
        case 4:
            guard s >= r.p2 else { return false }
            replace(&w, from: s, with: "u")
        case 5:
            guard s >= r.p2 else { return false }
            replace(&w, from: s, with: "ent")
        case 6:
            guard s >= r.pV else { return false }
            w.removeSubrange(s...)
            if let (s2, c2) = afterEment.longest(in: w) {
                switch c2 {
                case 1:
                    if s2 >= r.p2 {
                        w.removeSubrange(s2...)
                        if let s3 = ends(w, "at"), s3 >= r.p2 { w.removeSubrange(s3...) }
                    }
                case 2:
                    if s2 >= r.p2 {
                        w.removeSubrange(s2...)
                    } else if s2 >= r.p1 {
                        replace(&w, from: s2, with: "eux")
                    }
                case 3:
                    if s2 >= r.p2 { w.removeSubrange(s2...) }
                default:
                    if s2 >= r.pV { replace(&w, from: s2, with: "i") }
                }
            }
        case 7:
            guard s >= r.p2 else { return false }
            w.removeSubrange(s...)
            if let (s2, c2) = afterIte.longest(in: w) {
                switch c2 {
                case 1:
                    if s2 >= r.p2 { w.removeSubrange(s2...) } else { replace(&w, from: s2, with: "abl") }
                case 2:
                    if s2 >= r.p2 { w.removeSubrange(s2...) } else { replace(&w, from: s2, with: "iqU") }
                default:
                    if s2 >= r.p2 { w.removeSubrange(s2...) }
                }
            }
        case 8:
            guard s >= r.p2 else { return false }
            w.removeSubrange(s...)
            if let s2 = ends(w, "at"), s2 >= r.p2 {
                w.removeSubrange(s2...)
                icTail(&w, r)
            }
        case 9:
            replace(&w, from: s, with: "eau")
        case 10:
            guard s >= r.p1 else { return false }
            replace(&w, from: s, with: "al")
        case 11:
            guard s >= 1, ouxEnding.contains(w[s - 1]) else { return false }
            replace(&w, from: s, with: "ou")
        case 12:
            if s >= r.p2 {
                w.removeSubrange(s...)
            } else if s >= r.p1 {
                replace(&w, from: s, with: "eux")
            } else {
                return false
            }
        case 13:
            guard s >= r.p1, s >= 1, !isVowel(w[s - 1]) else { return false }
            w.removeSubrange(s...)
        case 14:
            if s >= r.pV { replace(&w, from: s, with: "ant") }
            return false
        case 15:
            if s >= r.pV { replace(&w, from: s, with: "ent") }
            return false
        default:
            if s >= 1, isVowel(w[s - 1]), s - 1 >= r.pV { w.removeSubrange(s...) }
            return false
        }
        return true
    }

    static func iVerbSuffix(_ w: inout [UInt32], _ r: Regions) -> Bool {
        guard w.count >= r.pV, let (s, _) = iVerb.longest(in: w, limit: r.pV) else { return false }
        guard s - 1 >= r.pV, w[s - 1] != StemChar.H, !isVowel(w[s - 1]) else { return false }
        w.removeSubrange(s...)
        return true
    }

    static func verbSuffix(_ w: inout [UInt32], _ r: Regions) -> Bool {
        guard w.count >= r.pV, let (s, code) = verb.longest(in: w, limit: r.pV) else { return false }
        switch code {
        case 1:
            guard s >= r.p2 else { return false }
            w.removeSubrange(s...)
        case 2:
            w.removeSubrange(s...)
        case 3:
            if s - 1 >= r.pV, w[s - 1] == StemChar.e { w.removeSubrange((s - 1)...) } else { w.removeSubrange(s...) }
        default:
            // -ais, -aise, -aises: kept after -épl-, -auv- and a word-initial "Xal" (palais, malaise).
            let head = Array(w[0..<s])
            if let (start, code) = beforeAis.longest(in: head) {
                if code == 2 || start == 1 { return false }
            }
            w.removeSubrange(s...)
        }
        return true
    }

    static func residualSuffix(_ w: inout [UInt32], _ r: Regions) {
        let n = w.count
        if n >= 2, w[n - 1] == StemChar.s {
            if (n >= 3 && w[n - 3] == StemChar.H && w[n - 2] == StemChar.i) || !keepWithS.contains(w[n - 2]) {
                w.removeLast()
            }
        }
        guard w.count >= r.pV, let (s, code) = residual.longest(in: w, limit: r.pV) else { return }
        switch code {
        case 1:
            if s >= r.p2, s - 1 >= r.pV, w[s - 1] == StemChar.s || w[s - 1] == StemChar.t { w.removeSubrange(s...) }
        case 2:
            replace(&w, from: s, with: "i")
        default:
            w.removeSubrange(s...)
        }
    }

    static func unAccent(_ w: inout [UInt32]) {
        var j = w.count - 1
        while j >= 0 && !isVowel(w[j]) { j -= 1 }
        if j < w.count - 1, j >= 0, w[j] == StemChar.eAcute || w[j] == StemChar.eGrave { w[j] = StemChar.e }
    }

    static func postlude(_ w: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(w.count)
        var k = 0
        while k < w.count {
            let c = w[k]
            switch c {
            case StemChar.I: out.append(StemChar.i)
            case StemChar.U: out.append(StemChar.u)
            case StemChar.Y: out.append(StemChar.y)
            case StemChar.H:
                if k + 1 < w.count, w[k + 1] == StemChar.e {
                    out.append(StemChar.eDiaeresis)
                    k += 1
                } else if k + 1 < w.count, w[k + 1] == StemChar.i {
                    out.append(StemChar.iDiaeresis)
                    k += 1
                }
            default: out.append(c)
            }
            k += 1
        }
        return out
    }
}
