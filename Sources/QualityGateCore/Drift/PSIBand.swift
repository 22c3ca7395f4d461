/// How far a column shifted by its PSI, in the usual bands: negligible below
/// 0.1, moderate below 0.25, significant from there on.
public enum PSIBand: Sendable, Equatable {
    case negligible
    case moderate
    case significant

    public init(psi: Double) {
        self = psi < 0.1 ? .negligible : (psi < 0.25 ? .moderate : .significant)
    }
}
