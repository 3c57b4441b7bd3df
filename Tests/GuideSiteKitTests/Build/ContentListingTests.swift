import Foundation
import Testing
@testable import GuideSiteKit

/// Shortcuts of content listing that must not change what is listed or how paths are shown.
@Suite("Content listing")
struct ContentListingTests {
    @Test(arguments: ["/", "/tmp", "/tmp/", "/tmp//x", "/tmp/./x", "/tmp/x/..", "/tmp/x/.", "/tmp/.x/a.md", "/tmp/..x/a..md",
                      "/tmp/x../a", "/tmp/.../a", "/é è/100%.md", "/a/b/./", "/a/b/../", "/./a", "/../a"])
    func listedPathsAreShownAsStandardizingWouldShowThem(_ path: String) {
        let url = URL(fileURLWithPath: path)
        #expect(ContentLoader.standardPath(url) == url.standardizedFileURL.path)
    }
}
