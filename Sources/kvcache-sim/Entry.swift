import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput

/// Process entry: parses, runs, and maps errors to exit status (MODEL 9.1): 0 success;
/// 2 bad usage, config or input (message on stderr naming file, line, key); 3 a failed
/// `validate`; 1 anything else.
@main
enum Entry {
    static func main() async {
        do {
            var command = try KVCacheSim.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            printError("error: \(error)")
            exit(2)
        } catch {
            let code = KVCacheSim.exitCode(for: error)
            if code == .success {
                KVCacheSim.exit(withError: error)
            } else if code == .validationFailure {
                printError(KVCacheSim.fullMessage(for: error))
                exit(2)
            } else if error is ExitCode {
                exit(code.rawValue)
            } else {
                printError("error: \(KVCacheSim.message(for: error))")
                exit(1)
            }
        }
    }
}
