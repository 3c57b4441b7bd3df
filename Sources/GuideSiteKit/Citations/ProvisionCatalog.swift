/// Every provision a citation may point at, built from the site's content:
/// the codes with their article and section numbers, and the numbers of the
/// portal's recommendations.
public struct ProvisionCatalog: Sendable, Hashable {
    /// The codes, in any order.
    public var codes: [CatalogCode]
    /// The numbers of the portal's recommendations.
    public var recommendationNumbers: Set<Int>

    /// Creates a catalog.
    public init(codes: [CatalogCode], recommendationNumbers: Set<Int>) {
        self.codes = codes
        self.recommendationNumbers = recommendationNumbers
    }
}
