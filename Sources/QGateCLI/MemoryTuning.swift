import CAllocator

/// How the C allocator treats large blocks, set once when the process starts.
///
/// glibc maps every block of 128 KiB or more straight from the kernel and
/// unmaps it when freed, so each file buffer, report or table of that size
/// costs fresh zero pages — a page fault per 4 KiB. `qgate evaluate` reads
/// two 300 KB metrics files and writes a 190 KB report: a third of its page
/// faults were such blocks, mapped, touched and unmapped one after the other.
/// Blocks below 4 MiB now come from the heap, where a freed buffer's pages
/// are reused by the next one (`evaluate`: 1,440 → 905 page faults). Larger
/// ones (drift's and score's columns) are mapped when the heap has no room
/// and given back when freed, as before; the heap's top is returned to the
/// kernel past 32 MiB free, which bounds what it keeps.
enum MemoryTuning {
    static func apply() {
        qgate_tune_allocator(4 << 20, 32 << 20)
    }
}
