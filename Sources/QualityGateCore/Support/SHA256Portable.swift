/// The portable SHA-256 compression function (FIPS 180-4, section 6.2.2), for
/// CPUs without SHA instructions and builds that cannot reach them.
///
/// Written for speed without leaving Swift: the 16-word message schedule lives
/// in local variables (registers and stack, no allocation), the 64 rounds are
/// spelled out so each round constant is an immediate, and the working
/// variables are never shuffled — each round is called with its arguments
/// rotated by one instead (the classic `d += t1; h = t1 + t2` form).
enum SHA256Portable {
    /// Hashes `blocks` consecutive 64-byte blocks at `p` (any alignment) into `state`.
    static func compress(_ state: inout SHA256.State, _ p: UnsafeRawPointer, blocks: Int) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        var p = p
        for _ in 0..<blocks {
            var w0 = load(p, 0)
            var w1 = load(p, 1)
            var w2 = load(p, 2)
            var w3 = load(p, 3)
            var w4 = load(p, 4)
            var w5 = load(p, 5)
            var w6 = load(p, 6)
            var w7 = load(p, 7)
            var w8 = load(p, 8)
            var w9 = load(p, 9)
            var w10 = load(p, 10)
            var w11 = load(p, 11)
            var w12 = load(p, 12)
            var w13 = load(p, 13)
            var w14 = load(p, 14)
            var w15 = load(p, 15)
            var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
            // Rounds 0-15 read the block; from round 16 on, w(i mod 16) is
            // replaced by W[i] just before round i uses it.
            round(a, b, c, &d, e, f, g, &h, 0x428a_2f98, w0)
            round(h, a, b, &c, d, e, f, &g, 0x7137_4491, w1)
            round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf, w2)
            round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5, w3)
            round(e, f, g, &h, a, b, c, &d, 0x3956_c25b, w4)
            round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1, w5)
            round(c, d, e, &f, g, h, a, &b, 0x923f_82a4, w6)
            round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5, w7)
            round(a, b, c, &d, e, f, g, &h, 0xd807_aa98, w8)
            round(h, a, b, &c, d, e, f, &g, 0x1283_5b01, w9)
            round(g, h, a, &b, c, d, e, &f, 0x2431_85be, w10)
            round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3, w11)
            round(e, f, g, &h, a, b, c, &d, 0x72be_5d74, w12)
            round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe, w13)
            round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7, w14)
            round(b, c, d, &e, f, g, h, &a, 0xc19b_f174, w15)
            w0 = expand(w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1, w0)
            w1 = expand(w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0xefbe_4786, w1)
            w2 = expand(w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6, w2)
            w3 = expand(w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc, w3)
            w4 = expand(w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f, w4)
            w5 = expand(w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa, w5)
            w6 = expand(w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc, w6)
            w7 = expand(w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x76f9_88da, w7)
            w8 = expand(w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0x983e_5152, w8)
            w9 = expand(w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0xa831_c66d, w9)
            w10 = expand(w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0xb003_27c8, w10)
            w11 = expand(w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7, w11)
            w12 = expand(w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3, w12)
            w13 = expand(w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147, w13)
            w14 = expand(w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0x06ca_6351, w14)
            w15 = expand(w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0x1429_2967, w15)
            w0 = expand(w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85, w0)
            w1 = expand(w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138, w1)
            w2 = expand(w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc, w2)
            w3 = expand(w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x5338_0d13, w3)
            w4 = expand(w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x650a_7354, w4)
            w5 = expand(w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x766a_0abb, w5)
            w6 = expand(w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e, w6)
            w7 = expand(w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x9272_2c85, w7)
            w8 = expand(w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1, w8)
            w9 = expand(w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0xa81a_664b, w9)
            w10 = expand(w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70, w10)
            w11 = expand(w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3, w11)
            w12 = expand(w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0xd192_e819, w12)
            w13 = expand(w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xd699_0624, w13)
            w14 = expand(w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0xf40e_3585, w14)
            w15 = expand(w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0x106a_a070, w15)
            w0 = expand(w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0x19a4_c116, w0)
            w1 = expand(w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08, w1)
            w2 = expand(w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x2748_774c, w2)
            w3 = expand(w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5, w3)
            w4 = expand(w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3, w4)
            w5 = expand(w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a, w5)
            w6 = expand(w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f, w6)
            w7 = expand(w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3, w7)
            w8 = expand(w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0x748f_82ee, w8)
            w9 = expand(w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0x78a5_636f, w9)
            w10 = expand(w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0x84c8_7814, w10)
            w11 = expand(w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208, w11)
            w12 = expand(w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0x90be_fffa, w12)
            w13 = expand(w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb, w13)
            w14 = expand(w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7, w14)
            w15 = expand(w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0xc671_78f2, w15)
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
            p += 64
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    /// The `index`-th big-endian word of a block: one unaligned load and a byte swap.
    @inline(__always)
    private static func load(_ p: UnsafeRawPointer, _ index: Int) -> UInt32 {
        UInt32(bigEndian: p.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// W[i] = σ1(W[i-2]) + W[i-7] + σ0(W[i-15]) + W[i-16], in the 16-word ring.
    @inline(__always)
    private static func expand(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
        return w16 &+ s0 &+ w7 &+ s1
    }

    /// One round; the caller rotates the roles of the eight working variables.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ k: UInt32, _ w: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ k &+ w
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }
}
