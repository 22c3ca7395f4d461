#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading and atomically writing whole files with POSIX calls: no Foundation on
/// the hot path (start-up time matters for a CI gate), and errors that keep errno.
public enum FileSystem {
    /// Files larger than this are refused rather than read into memory.
    public static let maximumFileSize = 1 << 30

    /// `regularOnly`: refuse (without blocking) anything but a regular file — a
    /// FIFO planted where the store expects a file must not hang the gate.
    public static func readBytes(_ path: String, maximumSize: Int = maximumFileSize, regularOnly: Bool = false) throws(FileError) -> [UInt8]
    {
        var result = [UInt8]()
        try readChunks(
            path, chunkSize: 1 << 16, maximumSize: maximumSize, regularOnly: regularOnly, sizeHint: { result.reserveCapacity($0 + 1) },
            { result.append(contentsOf: $0) })
        return result
    }

    /// SHA-256 and size of a file, read in chunks (artifacts can be large).
    public static func sha256(ofFile path: String, regularOnly: Bool = false) throws(FileError) -> (hex: String, size: Int) {
        var hasher = SHA256()
        var size = 0
        try readChunks(path, chunkSize: 1 << 20, maximumSize: nil, regularOnly: regularOnly) { chunk in
            hasher.update(chunk)
            size += chunk.count
        }
        return (hasher.finalizeHex(), size)
    }

    /// Opens `path` (refusing directories and, with `maximumSize`, files larger
    /// than it) and hands its bytes to `body` chunk by chunk.
    static func readChunks(
        _ path: String, chunkSize: Int, maximumSize: Int?, regularOnly: Bool = false, sizeHint: (Int) -> Void = { _ in },
        _ body: (ArraySlice<UInt8>) -> Void
    ) throws(FileError) {
        // O_NONBLOCK makes opening a FIFO return at once; on a regular file it changes nothing.
        guard let file = FileDescriptor(opening: path, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0)) else {
            throw error(errno, path: path, operation: "read")
        }
        var st = stat()
        if fstat(file.rawValue, &st) != 0 { throw error(errno, path: path, operation: "read") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw error(EISDIR, path: path, operation: "read") }
        if regularOnly && (st.st_mode & S_IFMT) != S_IFREG {
            throw FileError(kind: .notRegular, path: path, reason: "not a regular file (a FIFO, device or socket)")
        }
        let tooLarge = FileError(kind: .tooLarge, path: path, reason: "file is larger than \((maximumSize ?? 0) >> 20) MiB")
        if let maximumSize, Int(st.st_size) > maximumSize { throw tooLarge }
        sizeHint(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var total = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { file.read(into: $0) }
            if n < 0 { throw error(errno, path: path, operation: "read") }
            if n == 0 { return }
            total += n
            // The size can grow while reading (a file still being written): check what was read.
            if let maximumSize, total > maximumSize { throw tooLarge }
            body(chunk[0..<n])
        }
    }

    /// Appends to a file another program owns (e.g. `$GITHUB_STEP_SUMMARY`), in
    /// one `write` with O_APPEND so concurrent appenders do not interleave.
    public static func append(_ bytes: [UInt8], to path: String) throws(FileError) {
        guard let file = FileDescriptor(opening: path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC) else {
            throw error(errno, path: path, operation: "append to")
        }
        if !file.writeAll(bytes) { throw error(errno, path: path, operation: "append to") }
    }

    /// Random bytes from the kernel, e.g. for unguessable delimiters.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        if let file = FileDescriptor(opening: "/dev/urandom", O_RDONLY | O_CLOEXEC) {
            _ = bytes.withUnsafeMutableBytes { file.read(into: $0) }
        }
        return bytes
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(FileError) {
        guard let file = FileDescriptor(opening: path, O_WRONLY | O_CLOEXEC) else { throw error(errno, path: path, operation: "write") }
        if !file.writeAll(bytes) { throw error(errno, path: path, operation: "write") }
    }

    /// Removes a file this run wrote with `writeAtomically`, if it is a regular
    /// file (a device such as /dev/stdout was written in place and stays).
    public static func removeWrittenFile(_ path: String) {
        var st = stat()
        if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG { unlink(path) }
    }

    /// True if `path` itself is a symbolic link (not followed).
    public static func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates a directory and its parents (like `mkdir -p`). A file (or
    /// anything but a directory) in the way is an error naming it.
    public static func makeDirectories(_ path: String) throws(FileError) {
        if isDirectory(path) { return }
        let parent = directoryName(of: path)
        if parent != path && parent != "." && parent != "/" { try makeDirectories(parent) }
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        // EEXIST from a concurrent `mkdir -p` is fine; from a file of that name it is not.
        if code != EEXIST { throw error(code, path: path, operation: "create directory") }
        if !isDirectory(path) {
            throw FileError(kind: .notDirectory, path: path, reason: "it exists and is not a directory", operation: "create directory")
        }
    }

    /// Creates the directories `path` would be written in (`mkdir -p` of its parent).
    public static func makeParentDirectories(of path: String) throws(FileError) {
        let parent = directoryName(of: path)
        if parent != "." && parent != "/" { try makeDirectories(parent) }
    }

    /// Whether `path` exists; only "no such file" means absent, any other
    /// failure (permission denied, I/O error) is an error, never "absent".
    public static func existsStrict(_ path: String) throws(FileError) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 { return true }
        if errno == ENOENT { return false }
        throw error(errno, path: path, operation: "access")
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Writes `bytes` to `path` so that readers see either the old file or the new
    /// one, never a half-written file: temp file in the same directory, fsync,
    /// rename, fsync of the directory. The temp file is removed on any failure.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, beforeRename: () -> Void = {}) throws(FileError) {
        var st = stat()
        // stat, not lstat: /dev/stdout is itself a link to a device.
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFDIR: throw error(EISDIR, path: path, operation: "write")
            // A device or pipe (/dev/stdout, /dev/full, a FIFO) is written in place:
            // renaming a file over it would replace the device node itself.
            case S_IFCHR, S_IFIFO, S_IFSOCK: return try writeInPlace(bytes, to: path)
            default: break
            }
        }
        let dir = directoryName(of: path)
        let base = baseName(of: path)
        var template = Array("\(dir)/.\(base)\(tempMarker)XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw error(errno, path: path, operation: "write") }
        let file = FileDescriptor(adopting: fd)
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        if !file.writeAll(bytes) { throw error(errno, path: path, operation: "write") }
        // Keep the permissions a plain file would get (mkstemp creates 0600).
        let mask = umask(0)
        umask(mask)
        fchmod(file.rawValue, 0o666 & ~mask)
        if !file.sync() { throw error(errno, path: path, operation: "write") }
        file.close()
        beforeRename()
        if rename(tempPath, path) != 0 { throw error(errno, path: path, operation: "write") }
        ok = true
        if let directory = FileDescriptor(opening: dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) {
            _ = directory.sync()
        }
    }

    /// Temp files of `writeAtomically` are `.<name>.tmp-XXXXXX`.
    static let tempMarker = ".tmp-"

    static func isTempFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(tempMarker.utf8)
        guard bytes.count > 1 + marker.count + 6, bytes[0] == 0x2E else { return false }
        return Array(bytes[(bytes.count - 6 - marker.count)..<(bytes.count - 6)]) == marker
    }

    /// Removes temp files that a killed `writeAtomically` left in `directory`.
    /// Only safe while holding the lock every writer of that directory takes.
    /// Returns the names removed.
    @discardableResult
    public static func removeStaleTempFiles(in directory: String) -> [String] {
        guard let d = opendir(directory) else { return [] }
        defer { closedir(d) }
        var removed: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard isTempFileName(name) else { continue }
            if unlink(directory + "/" + name) == 0 { removed.append(name) }
        }
        return removed.sorted()
    }

    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func error(_ code: Int32, path: String, operation: String) -> FileError {
        let reason = String(cString: strerror(code))
        let kind: FileError.Kind
        switch code {
        case ENOENT, ENOTDIR: kind = .notFound
        case EISDIR: kind = .isDirectory
        case EACCES, EPERM: kind = .permissionDenied
        default: kind = .other
        }
        return FileError(kind: kind, path: path, reason: reason, operation: operation)
    }
}
