import CGSL

/// A failure reported by GSL (a non-zero status code) or by a numerical routine built on it.
/// GSL's own error handler is switched off (`GSL.configure()`), so every failure arrives here
/// as a thrown Swift error instead of aborting the process.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    public let status: Int32
    public let context: String

    public init(status: Int32, context: String) {
        self.status = status
        self.context = context
    }

    /// A failure that is not a GSL status code (bad input to a routine, no convergence).
    public init(_ context: String) {
        self.status = -1
        self.context = context
    }

    public var description: String {
        if status > 0, let text = gsl_strerror(status) {
            return "\(context): \(String(cString: text))"
        }
        return context
    }
}

/// Process-wide GSL set-up. Calling `configure()` more than once is harmless.
public enum GSL {
    private static let once: Void = { kvcache_gsl_quiet() }()

    /// Turns GSL's abort-on-error handler off; every wrapper calls this before using GSL.
    public static func configure() { _ = once }

    /// Throws a `GSLError` for a non-zero GSL status.
    static func check(_ status: Int32, _ context: @autoclosure () -> String) throws {
        if status != 0 { throw GSLError(status: status, context: context()) }
    }
}
