public enum QGateCommandLine { public static func main(_ args: [String]) -> Int32 { 0 } }
