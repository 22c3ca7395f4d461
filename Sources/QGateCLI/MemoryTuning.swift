#if canImport(CAllocator)
    import CAllocator
#endif

/// How the C allocator treats large blocks, set once when the process starts.
///
/// glibc maps every block of 128 KiB or more straight from the kernel and
/// unmaps it when freed, so each file buffer, report or table of that size
/// costs fresh zero pages — a page fault per 4 KiB. `qgate evaluate` reads
/// two 300 KB metrics files and writes a 190 KB report: a third of its page
/// faults were such blocks, mapped, touched and unmapped one after the other.
/// Blocks below 1 MiB now come from the heap, where a freed buffer's pages
/// are reused by the next one (`evaluate`: 1,440 → 903 page faults). Larger
/// ones (drift's and score's columns) are mapped and given back when freed,
/// as before; the heap's top is returned to the kernel past 4 MiB free, so
/// peak memory stays as it was (drift 1M × 20: 128.7 MB, 127.5 MB before; a
/// 4 MiB / 32 MiB setting kept 10 MB more).
enum MemoryTuning {
    /// Without the C target (the fuzz build compiles the Swift sources alone)
    /// the allocator keeps its defaults.
    static func apply() {
        #if canImport(CAllocator)
            qgate_tune_allocator(1 << 20, 4 << 20)
        #endif
    }
}
