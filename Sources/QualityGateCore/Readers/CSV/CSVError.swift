/// A CSV file that cannot be read as a table, whichever command reads it
/// (drift, score, profile): a quote left open, a row of the wrong width, a
/// header that is missing, repeated or not UTF-8, a record past the reader's
/// limits, or a column the command line names that the header lacks. What the
/// values mean is the caller's, and so are the errors about them.
public typealias CSVError = AreaError<CSVArea>
public enum CSVArea: ErrorArea {}
