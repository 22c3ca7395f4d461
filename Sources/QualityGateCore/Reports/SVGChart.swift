/// The inline SVG drawings of the HTML reports: a condition's value against its
/// bound, two distributions overlaid, a series over time. Plain shapes styled by
/// the page's CSS classes (so dark mode and print recolour them); every label is
/// escaped; coordinates are rounded to a tenth so pages are stable across runs.
enum SVGChart {
    /// A coordinate with one decimal, without Foundation's formatting.
    static func c(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// Maps [lo, hi] (padded) onto [left, right].
    struct Scale {
        var lo: Double
        var hi: Double
        var left: Double
        var right: Double

        /// Nil when the points are not finite or their span overflows.
        init?(_ points: [Double], left: Double, right: Double, pad: Double = 0.15) {
            let finite = points.filter(\.isFinite)
            guard var lo = finite.min(), var hi = finite.max() else { return nil }
            var span = hi - lo
            if span == 0 { span = max(abs(lo) * 0.1, 1) }
            lo -= span * pad
            hi += span * pad
            guard (hi - lo).isFinite, hi > lo else { return nil }
            (self.lo, self.hi, self.left, self.right) = (lo, hi, left, right)
        }

        func x(_ v: Double) -> Double {
            left + min(max((v - lo) / (hi - lo), 0), 1) * (right - left)
        }
    }

    /// A condition as a horizontal bar: the allowed region shaded, the bound(s)
    /// as vertical lines, the baseline as an open diamond, the value as a dot
    /// coloured by status. Empty when there is nothing finite to draw.
    static func conditionBar(value: Double?, baseline: Double?, requirement: ConditionBound?, status: String, title: String)
        -> String
    {
        let width = 240.0
        let height = 26.0
        var bounds: [Double] = []
        switch requirement {
        case .atLeast(let x)?, .atMost(let x)?: bounds = [x]
        case .within(let center, let radius)?: bounds = [center - radius, center + radius]
        case nil: break
        }
        let points = [value, baseline].compactMap { $0 } + bounds
        guard let s = Scale(points, left: 8, right: width - 8) else { return "" }
        let mid = height / 2
        var out = "<svg class=\"cond\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<line class=\"axis\" x1=\"0\" y1=\"\(c(mid))\" x2=\"\(c(width))\" y2=\"\(c(mid))\"/>"
        func region(_ a: Double, _ b: Double) {
            out += "<rect class=\"region\" x=\"\(c(a))\" y=\"3\" width=\"\(c(max(b - a, 0)))\" height=\"\(c(height - 6))\"/>"
        }
        switch requirement {
        case .atLeast(let x)?: if x.isFinite { region(s.x(x), width) }
        case .atMost(let x)?: if x.isFinite { region(0, s.x(x)) }
        case .within?: if bounds.allSatisfy(\.isFinite) { region(s.x(bounds[0]), s.x(bounds[1])) }
        case nil: break
        }
        for b in bounds where b.isFinite {
            out += "<line class=\"bound\" x1=\"\(c(s.x(b)))\" y1=\"2\" x2=\"\(c(s.x(b)))\" y2=\"\(c(height - 2))\"/>"
        }
        if let b = baseline, b.isFinite {
            let x = s.x(b)
            out += "<path class=\"base\" d=\"M\(c(x)) \(c(mid - 6))L\(c(x + 6)) \(c(mid))L\(c(x)) \(c(mid + 6))L\(c(x - 6)) \(c(mid))Z\"/>"
        }
        if let v = value, v.isFinite {
            out += "<circle class=\"dot \(status)\" cx=\"\(c(s.x(v)))\" cy=\"\(c(mid))\" r=\"5\"/>"
        }
        return out + "</svg>"
    }

    /// Two distributions over the same bins, reference behind current, one
    /// label per bin under the bars (labels are data, escaped, cut to 12 characters).
    static func overlaidBars(labels: [String], reference: [Double], current: [Double], title: String) -> String {
        let n = labels.count
        guard n > 0 else { return "" }
        let slot = max(14.0, min(64.0, 640.0 / Double(n)))
        let plot = 110.0
        let width = slot * Double(n) + 10
        // Labels that would overlap their neighbours are turned.
        let rotate = labels.contains { Double(min($0.count, 12)) * 6.5 > slot - 4 }
        let height = plot + (rotate ? 70 : 22)
        let top = max(reference.max() ?? 0, current.max() ?? 0, 1e-12)
        var out = "<svg class=\"dist\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<line class=\"axis\" x1=\"0\" y1=\"\(c(plot))\" x2=\"\(c(width))\" y2=\"\(c(plot))\"/>"
        for i in 0..<n {
            let x0 = 5 + slot * Double(i)
            let r = i < reference.count && reference[i].isFinite ? reference[i] : 0
            let k = i < current.count && current[i].isFinite ? current[i] : 0
            let rh = (plot - 4) * r / top
            let kh = (plot - 4) * k / top
            out += "<rect class=\"ref\" x=\"\(c(x0 + 1))\" y=\"\(c(plot - rh))\" width=\"\(c(slot - 2))\" height=\"\(c(rh))\"/>"
            out += "<rect class=\"cur\" x=\"\(c(x0 + slot * 0.3))\" y=\"\(c(plot - kh))\" width=\"\(c(slot * 0.4))\" height=\"\(c(kh))\"/>"
            let label = labels[i].count > 12 ? String(labels[i].prefix(11)) + "…" : labels[i]
            let lx = x0 + slot / 2
            if rotate {
                out +=
                    "<text x=\"\(c(lx))\" y=\"\(c(plot + 10))\" transform=\"rotate(60 \(c(lx)) \(c(plot + 10)))\">\(HTML.escape(label))</text>"
            } else {
                out += "<text x=\"\(c(lx))\" y=\"\(c(plot + 15))\" text-anchor=\"middle\">\(HTML.escape(label))</text>"
            }
        }
        return out + "</svg>"
    }

    /// A series over releases: a line through the values, blocked evaluations
    /// as squares (the others as dots), each bound as a dashed horizontal line.
    static func lineChart(values: [Double], blocked: [Bool], bounds: [Double], title: String) -> String {
        let width = 640.0
        let height = 150.0
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty, let s = Scale(finite + bounds, left: height - 14, right: 10, pad: 0.1) else { return "" }
        let step = values.count > 1 ? (width - 60) / Double(values.count - 1) : 0
        func x(_ i: Int) -> Double { 50 + step * Double(i) }
        var out =
            "<svg class=\"series\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<line class=\"axis\" x1=\"45\" y1=\"\(c(height - 10))\" x2=\"\(c(width))\" y2=\"\(c(height - 10))\"/>"
        for v in [s.lo, s.hi] {
            out += "<text x=\"2\" y=\"\(c(s.x(v) + 4))\">\(HTML.escape(NumberFormatting.rounded(v, significantDigits: 3)))</text>"
        }
        for b in bounds where b.isFinite {
            out += "<line class=\"bound\" stroke-dasharray=\"6 4\" x1=\"45\" y1=\"\(c(s.x(b)))\" x2=\"\(c(width))\" y2=\"\(c(s.x(b)))\"/>"
        }
        let points = values.indices.filter { values[$0].isFinite }.map { "\(c(x($0))),\(c(s.x(values[$0])))" }
        out += "<polyline class=\"series\" points=\"\(points.joined(separator: " "))\"/>"
        for i in values.indices where values[i].isFinite {
            if i < blocked.count && blocked[i] {
                out += "<rect class=\"blocked\" x=\"\(c(x(i) - 4))\" y=\"\(c(s.x(values[i]) - 4))\" width=\"8\" height=\"8\"/>"
            } else {
                out += "<circle class=\"dot pass\" cx=\"\(c(x(i)))\" cy=\"\(c(s.x(values[i])))\" r=\"3\"/>"
            }
        }
        return out + "</svg>"
    }

    /// Vertical bars of values in [0, top], one per label (labels under every
    /// few bars), the value written above each bar.
    static func bars(labels: [String], values: [Double], top: Double, valueText: (Double) -> String, title: String) -> String {
        guard !values.isEmpty, top > 0 else { return "" }
        let slot = max(12.0, min(48.0, 640.0 / Double(values.count)))
        let plot = 100.0
        let width = slot * Double(values.count) + 10
        var out =
            "<svg class=\"bars\" width=\"\(c(width))\" height=\"\(c(plot + 34))\" viewBox=\"0 0 \(c(width)) \(c(plot + 34))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<line class=\"axis\" x1=\"0\" y1=\"\(c(plot + 12))\" x2=\"\(c(width))\" y2=\"\(c(plot + 12))\"/>"
        let every = max(1, Int((50 / slot).rounded(.up)))
        for (i, v) in values.enumerated() {
            let h = v.isFinite ? plot * min(max(v / top, 0), 1) : 0
            let x0 = 5 + slot * Double(i)
            out += "<rect class=\"bar\" x=\"\(c(x0 + 1))\" y=\"\(c(plot + 12 - h))\" width=\"\(c(slot - 2))\" height=\"\(c(h))\"/>"
            if slot >= 28 {
                out += "<text x=\"\(c(x0 + slot / 2))\" y=\"\(c(plot + 9 - h))\" text-anchor=\"middle\">\(HTML.escape(valueText(v)))</text>"
            }
            if i % every == 0 && i < labels.count {
                out += "<text x=\"\(c(x0 + 1))\" y=\"\(c(plot + 27))\">\(HTML.escape(labels[i]))</text>"
            }
        }
        return out + "</svg>"
    }
}
