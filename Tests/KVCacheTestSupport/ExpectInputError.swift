import KVCacheCore
import Testing

/// Runs `body`, requires it to throw an `InputError`, and returns that error (recording a test
/// issue, at the caller's location, when nothing or another error is thrown).
public func inputError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    do {
        try body()
        Issue.record("expected an InputError, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("expected an InputError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
