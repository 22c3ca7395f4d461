/// How qgate authenticates to a Pushgateway, and which CA it trusts: read from
/// environment variables only. A URL or a flag would put a secret in argv, which
/// every user on the machine can read in /proc and CI systems log.
///
/// Credentials go out only over https. Over plain http they would cross the
/// network in clear (basic auth is only base64, a bearer token is the token),
/// so qgate refuses them there rather than deciding when that is safe.
public struct PushCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Scheme: Sendable, Equatable {
        case basic(username: String, password: String)
        case bearer(token: String)
    }

    public var scheme: Scheme?
    /// A PEM file of the CA certificates to trust instead of the system's.
    public var caFile: String?

    public static let username = "QGATE_PUSH_USERNAME"
    public static let password = "QGATE_PUSH_PASSWORD"
    public static let bearerToken = "QGATE_PUSH_BEARER_TOKEN"
    public static let caFileVariable = "QGATE_PUSH_CA_FILE"
    public static let variables = [username, password, bearerToken, caFileVariable]

    static let hint = "set \(username) and \(password) (basic auth) or \(bearerToken) in the environment, never in the URL"

    /// Longer values are not credentials a Pushgateway or a proxy in front of it accepts.
    static let maximumLength = 4096

    public init(scheme: Scheme? = nil, caFile: String? = nil) {
        self.scheme = scheme
        self.caFile = caFile
    }

    /// Reads the variables; an empty one counts as unset (what a missing
    /// GitHub secret expands to), but not when its partner is set.
    public static func from(environment: [String: String]) throws(HTTPClient.HTTPError) -> PushCredentials {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let user = value(username)
        let pass = value(password)
        let token = value(bearerToken)
        var credentials = PushCredentials(caFile: value(caFileVariable))
        if token != nil && (user != nil || pass != nil) {
            throw HTTPClient.HTTPError(
                message: "both basic auth (\(username)/\(password)) and \(bearerToken) are set",
                hint: "set one kind of credentials: unset \(bearerToken) or \(username) and \(password)")
        }
        switch (user, pass) {
        case (nil, nil): break
        case (let user?, let pass?): credentials.scheme = .basic(username: user, password: pass)
        case (nil, _):
            throw HTTPClient.HTTPError(message: "\(password) is set but \(username) is empty or unset", hint: "basic auth needs both")
        case (_, nil):
            throw HTTPClient.HTTPError(message: "\(username) is set but \(password) is empty or unset", hint: "basic auth needs both")
        }
        if let token { credentials.scheme = .bearer(token: token) }
        for (name, text) in [(username, user), (password, pass), (bearerToken, token)] {
            guard let text else { continue }
            // Neither the value nor a part of it is shown: it is (or may hold) a secret.
            if text.utf8.count > maximumLength {
                throw HTTPClient.HTTPError(message: "\(name) is longer than \(maximumLength) bytes", hint: "check the variable")
            }
            if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                throw HTTPClient.HTTPError(
                    message: "\(name) contains a control character (a line break?)",
                    hint: "remove it: a credential travels in one HTTP header line")
            }
        }
        if user?.contains(":") == true {
            throw HTTPClient.HTTPError(message: "\(username) contains ':'", hint: "basic auth cannot carry a user name with ':'")
        }
        return credentials
    }

    /// The credentials for pushing to `endpoint`: refused over plain http, where they would travel in clear.
    public func check(for endpoint: HTTPClient.Endpoint) throws(HTTPClient.HTTPError) {
        guard !endpoint.secure else { return }
        if scheme != nil {
            throw HTTPClient.HTTPError(
                message: "push credentials are set but the Pushgateway URL is plain http; they would cross the network in clear",
                hint: "use an https:// URL, or unset \(Self.username), \(Self.password) and \(Self.bearerToken)")
        }
        if caFile != nil {
            throw HTTPClient.HTTPError(
                message: "\(Self.caFileVariable) is set but the Pushgateway URL is plain http",
                hint: "use an https:// URL, or unset \(Self.caFileVariable)")
        }
    }

    /// Never the secret, even if the value is interpolated somewhere by mistake.
    public var description: String {
        let kind =
            switch scheme {
            case .basic: "basic auth, password [redacted]"
            case .bearer: "bearer token [redacted]"
            case nil: "no credentials"
            }
        return "PushCredentials(\(kind), CA file: \(caFile ?? "system"))"
    }

    public var debugDescription: String { description }

    /// The values never to print.
    var secrets: [String] {
        switch scheme {
        case .basic(_, let password): [password]
        case .bearer(let token): [token]
        case nil: []
        }
    }

    /// `text` (a server's answer, curl's complaint) with every secret replaced:
    /// a misbehaving server or proxy may echo what it was sent.
    public func redacting(_ text: String) -> String {
        var text = text
        for secret in secrets { text = text.replacing(secret, with: "[redacted]") }
        return text
    }

    /// curl's config-file lines carrying the credentials (`curl --config`), its
    /// quoting: backslash and double quote escaped. Control characters were refused.
    var curlConfig: String? {
        func quoted(_ s: String) -> String {
            "\"" + String(s.flatMap { $0 == "\\" || $0 == "\"" ? ["\\", $0] : [$0] }) + "\""
        }
        switch scheme {
        case .basic(let username, let password): return "user = \(quoted(username + ":" + password))\n"
        case .bearer(let token): return "header = \(quoted("Authorization: Bearer " + token))\n"
        case nil: return nil
        }
    }
}
