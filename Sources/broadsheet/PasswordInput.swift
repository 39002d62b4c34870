import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a password without showing it: at a terminal prompt, or from standard input's first line.
enum PasswordInput {
    static func read(confirm: Bool) -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else { fail("no password on standard input") }
            return line
        }
        let first = prompt("Password: ")
        if confirm, prompt("Password again: ") != first { fail("the two passwords differ") }
        return first
    }

    private static func prompt(_ text: String) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
