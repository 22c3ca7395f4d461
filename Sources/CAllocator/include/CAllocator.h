#ifndef QGATE_CALLOCATOR_H
#define QGATE_CALLOCATOR_H

/// Sets the C allocator's thresholds (glibc's M_MMAP_THRESHOLD and
/// M_TRIM_THRESHOLD, in bytes); does nothing with another C library.
void qgate_tune_allocator(int mmap_threshold, int trim_threshold);

/// Bytes the allocator holds in blocks mapped outside its heap right now
/// (glibc's mallinfo2().hblkhd), or -1 with another C library: lets a test
/// see which blocks bypass the heap.
long long qgate_allocator_mapped_bytes(void);

#endif
