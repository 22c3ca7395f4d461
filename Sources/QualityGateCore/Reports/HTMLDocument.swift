/// The shell every HTML report is written into: one self-contained page (inline
/// CSS and SVG, no script, no network), readable on screen, in dark mode and on
/// paper. The page's Content-Security-Policy forbids scripts and every external
/// load, so even a mistake in escaping could not run code or call out.
public enum HTML {
    /// The one escaping function for untrusted text in a page, in element text
    /// and in quoted attribute values alike: `& < > " '` as entities, controls
    /// and bidi overrides shown as escapes. XML's escaping is exactly that
    /// (HTML5 knows `&apos;`), so the page reuses it rather than keeping a second.
    public static func escape(_ text: String) -> String { XML.escape(text) }

    /// A whole page: `title` is escaped here, `body` is markup the report wrote.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="qgate">
        <title>\(escape(title))</title>
        <style>\(css)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// How a result reads at a glance: a CSS class (colour) and an icon with a
    /// word, so colour is never the only signal.
    struct Badge {
        var cssClass: String
        var icon: String
        var label: String

        static let pass = Badge(cssClass: "pass", icon: "✔", label: "passed")
        static let fail = Badge(cssClass: "fail", icon: "✖", label: "failed")
        static let warn = Badge(cssClass: "warn", icon: "▲", label: "warning")
        static let info = Badge(cssClass: "info", icon: "ℹ", label: "info")
        static let waived = Badge(cssClass: "waived", icon: "◐", label: "waived")
        static let preExisting = Badge(cssClass: "pre", icon: "↺", label: "pre-existing")
        static let skipped = Badge(cssClass: "skip", icon: "⏭", label: "skipped")

        var html: String { "<span class=\"badge \(cssClass)\">\(icon) \(HTML.escape(label))</span>" }
    }

    /// At most `cap` items drawn; the rest counted in a "… N more" line.
    static func capped<T>(_ items: [T], _ cap: Int) -> (shown: [T], more: Int) {
        (Array(items.prefix(cap)), max(0, items.count - cap))
    }

    static func more(_ n: Int, _ what: String) -> String {
        n > 0 ? "<p class=\"more\">… \(n) more \(escape(what)) not drawn</p>\n" : ""
    }

    static let css = """

        :root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--info:#0969da;--waived:#8250df;--pre:#6e7781;--skip:#6e7781;--ok-region:rgba(26,127,55,.16);--ref:#6e7781;--cur:#0969da}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--card:#161b22;--pass:#3fb950;--fail:#f85149;--warn:#d29922;--info:#58a6ff;--waived:#a371f7;--pre:#9198a1;--skip:#9198a1;--ok-region:rgba(63,185,80,.2);--ref:#9198a1;--cur:#58a6ff}}
        body{background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px}
        h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em}
        table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
        th{color:var(--muted);font-weight:600}td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
        .banner{border:2px solid;border-radius:6px;padding:10px 14px;margin:8px 0;font-size:1.2em;font-weight:600}
        .banner.pass{border-color:var(--pass);color:var(--pass)}.banner.fail{border-color:var(--fail);color:var(--fail)}.banner.warn{border-color:var(--warn);color:var(--warn)}.banner.info{border-color:var(--info);color:var(--info)}
        .badge{font-weight:600;white-space:nowrap}.pass{color:var(--pass)}.fail{color:var(--fail)}.warn{color:var(--warn)}.info{color:var(--info)}.waived{color:var(--waived)}.pre{color:var(--pre)}.skip{color:var(--skip)}
        .muted,.more,footer{color:var(--muted)}footer{border-top:1px solid var(--line);margin-top:1.5em;padding-top:.5em;font-size:.9em}
        details summary{cursor:pointer;color:var(--muted)}pre{white-space:pre-wrap;background:var(--card);padding:6px;margin:4px 0;font-size:.9em}
        .card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:10px 0}
        code,.name{overflow-wrap:anywhere}
        svg{display:block;max-width:100%}svg text{fill:var(--fg);font:11px system-ui,sans-serif}svg .axis{stroke:var(--line)}svg .region{fill:var(--ok-region)}
        svg .bound{stroke:var(--fg);stroke-width:2}svg .base{fill:none;stroke:var(--muted);stroke-width:2}svg .ref{fill:var(--ref);opacity:.45}svg .cur{fill:var(--cur);opacity:.7}
        svg .dot.pass{fill:var(--pass)}svg .dot.fail{fill:var(--fail)}svg .dot.warn{fill:var(--warn)}svg .dot.info{fill:var(--info)}svg .dot.waived{fill:var(--waived)}svg .dot.pre,svg .dot.skip{fill:var(--pre)}
        svg .series{fill:none;stroke:var(--cur);stroke-width:2}svg .blocked{fill:var(--fail)}svg .bar{fill:var(--fail);opacity:.75}
        .legend span{margin-right:1em}.swatch{display:inline-block;width:10px;height:10px;margin-right:3px;vertical-align:middle;border:1px solid var(--line)}.swatch.region{background:var(--ok-region)}.swatch.ref{background:var(--ref)}.swatch.cur{background:var(--cur)}
        @media print{body{max-width:none;font-size:11pt}.banner{break-inside:avoid}tr,.card{break-inside:avoid}}

        """
}
