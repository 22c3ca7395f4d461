import Dispatch

/// Runs independent pieces of work on every core at once (Dispatch's
/// `concurrentPerform`, which also uses the calling thread) and hands back
/// their results in order, so the outcome never depends on which finished first.
enum ParallelMap {
    /// `body(0)`, ..., `body(count - 1)`, each on some thread; a piece that threw gives nil.
    static func results<T>(_ count: Int, _ body: (Int) throws -> T?) -> [T?] {
        withoutActuallyEscaping(body) { body in
            let work = Work(count, body)
            DispatchQueue.concurrentPerform(iterations: count) { k in work.run(k) }
            return Array(work.results)
        }
    }

    /// Shared by the threads: piece k writes only `results[k]`, and the caller
    /// reads them after all have finished.
    private final class Work<T>: @unchecked Sendable {
        let body: (Int) throws -> T?
        let results: UnsafeMutableBufferPointer<T?>

        init(_ count: Int, _ body: @escaping (Int) throws -> T?) {
            self.body = body
            results = .allocate(capacity: count)
            results.initialize(repeating: nil)
        }

        deinit { results.deinitialize().deallocate() }

        func run(_ k: Int) { results[k] = (try? body(k)) ?? nil }
    }
}
