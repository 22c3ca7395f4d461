// SHA-256 with the x86 SHA extensions, for QualityGateCore's SHA256 (Swift
// cannot call the compiler's intrinsics itself). Portable C, no dependencies:
// on other CPUs it compiles to "not available" and Swift uses SHA256Portable.
#ifndef QGATE_CSHA256_H
#define QGATE_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions (with SSSE3 and SSE4.1), else 0.
int qgate_sha256_hw_available(void);

/// Hashes `blocks` consecutive 64-byte blocks at `data` (any alignment) into
/// `state` (H0..H7). Call only when qgate_sha256_hw_available() returned 1.
void qgate_sha256_hw_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
