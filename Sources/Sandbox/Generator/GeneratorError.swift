/// Why generating sample data failed, with what the operator needs to fix it.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    /// The scale is not a positive number in the supported range.
    case invalidScale(Double)
    /// A directory or file could not be created or written (errno text included).
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidScale(let scale):
            "scale \(scale) is out of range: give a number greater than 0 and at most \(DataGenerator.maximumScale) (1 = the real data's size)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason); check that the output directory is writable and the disk has space"
        }
    }
}
