import ArgumentParser
import Foundation
import KVCacheCore

// Exit status (SEMANTICS 9.1): 0 success; 2 bad usage, config or input (message on stderr naming
// file, line, key); 3 a failed `validate`; 1 anything else.
do {
    var command = try KVCacheSim.parseAsRoot()
    try command.run()
} catch let error as InputError {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
} catch {
    let code = KVCacheSim.exitCode(for: error)
    if code == .success {
        KVCacheSim.exit(withError: error)
    } else if code == .validationFailure {
        FileHandle.standardError.write(Data((KVCacheSim.fullMessage(for: error) + "\n").utf8))
        exit(2)
    } else if error is ExitCode {
        exit(code.rawValue)
    } else {
        FileHandle.standardError.write(Data("error: \(KVCacheSim.message(for: error))\n".utf8))
        exit(1)
    }
}
