import CAllocator
import XCTest

@testable import QGateCLI

/// Blocks below 1 MiB come from the heap once qgate has tuned the allocator
/// (glibc maps each block of 128 KiB or more by default until a freed one
/// raises its threshold: fresh pages, a page fault per 4 KiB, on every file
/// buffer and report). Where a larger block comes from depends on what the
/// heap holds free, which other tests in this process change, so only the
/// first half is checked here; `bench/` shows the page faults.
final class MemoryTuningTests: XCTestCase {
    func testMidSizedBlocksComeFromTheHeap() throws {
        try XCTSkipIf(qgate_allocator_mapped_bytes() < 0, "not glibc")
        MemoryTuning.apply()
        let before = qgate_allocator_mapped_bytes()
        for size in [200 << 10, 512 << 10, 1_000 << 10] {
            let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            XCTAssertEqual(qgate_allocator_mapped_bytes(), before, "a block of \(size) bytes was mapped outside the heap")
            block.deallocate()
        }
    }
}
