#include "CAllocator.h"

#include <stdlib.h> // defines __GLIBC__ on glibc

// Swift's Glibc module does not export <malloc.h>, so mallopt is reached here.
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void qgate_tune_allocator(int mmap_threshold, int trim_threshold) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
#else
    (void)mmap_threshold;
    (void)trim_threshold;
#endif
}

long long qgate_allocator_mapped_bytes(void) {
#if defined(__GLIBC__)
    return (long long)mallinfo2().hblkhd;
#else
    return -1;
#endif
}
