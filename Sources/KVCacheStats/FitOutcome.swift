/// One family's outcome in `Fitting.fitAll`: its fit, or the reason it could not be fitted.
public struct FitOutcome: Sendable, Equatable {
    public let family: FitFamily
    public let result: Result<FitResult, FitError>

    public init(family: FitFamily, result: Result<FitResult, FitError>) {
        self.family = family
        self.result = result
    }

    /// The fit, when it succeeded.
    public var fit: FitResult? {
        if case .success(let f) = result { f } else { nil }
    }

    /// The error, when it failed.
    public var error: FitError? {
        if case .failure(let e) = result { e } else { nil }
    }
}
