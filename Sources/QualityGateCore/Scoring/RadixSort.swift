/// Sorting for the ranking metrics (percentiles are selected: `LatencySummary`). An LSD radix sort on the
/// IEEE-754 bits (flipped so unsigned order is numeric order) sorts ten
/// million scores several times faster than a comparison sort, and equal
/// scores stay adjacent, which is what the tie handling of ROC and PR curves needs.
enum RadixSort {
    /// Unsigned key whose order is the numeric order of `x` (−0.0 and 0.0 equal).
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Rows by decreasing score (ties in row order), with each one's sort key:
    /// equal keys are equal scores, so the ranking metrics find the ties by
    /// reading the keys in order rather than each row's score at random.
    struct Order {
        var rows: [Int32]
        /// `~key(score)` of each row in `rows`, ascending.
        var keys: [UInt64]
    }

    /// The rows of `values` by decreasing value (ties in row order).
    static func descendingOrder(_ values: [Double]) -> Order {
        var keys = values.map { ~key($0) }
        var order = (0..<Int32(values.count)).map { $0 }
        sort(&keys, &order)
        return Order(rows: order, keys: keys)
    }

    private static let digitBits = 11
    private static let buckets = 1 << digitBits

    /// Sorts `keys` ascending, permuting `payload` alongside (unless it is empty).
    private static func sort(_ keys: inout [UInt64], _ payload: inout [Int32]) {
        let n = keys.count
        guard n > 1 else { return }
        let passes = (64 + digitBits - 1) / digitBits
        var histograms = [Int](repeating: 0, count: passes * buckets)
        keys.withUnsafeBufferPointer { k in
            histograms.withUnsafeMutableBufferPointer { h in
                for key in k {
                    for p in 0..<passes { h[p * buckets + Int((key >> UInt64(p * digitBits)) & UInt64(buckets - 1))] += 1 }
                }
            }
        }
        var keysOut = [UInt64](repeating: 0, count: n)
        let withPayload = !payload.isEmpty
        var payloadOut = [Int32](repeating: 0, count: withPayload ? n : 0)
        for p in 0..<passes {
            let shift = UInt64(p * digitBits)
            // A digit every key shares moves nothing: skip the pass.
            if histograms[p * buckets + Int((keys[0] >> shift) & UInt64(buckets - 1))] == n { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var total = 0
            for b in 0..<buckets {
                offsets[b] = total
                total += histograms[p * buckets + b]
            }
            keys.withUnsafeBufferPointer { kin in
                keysOut.withUnsafeMutableBufferPointer { kout in
                    payload.withUnsafeBufferPointer { pin in
                        payloadOut.withUnsafeMutableBufferPointer { pout in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for i in 0..<n {
                                    let key = kin[i]
                                    let b = Int((key >> shift) & UInt64(buckets - 1))
                                    let dest = off[b]
                                    off[b] = dest + 1
                                    kout[dest] = key
                                    if withPayload { pout[dest] = pin[i] }
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            if withPayload { swap(&payload, &payloadOut) }
        }
    }
}
