import CZlib

/// Streaming gzip decompression of one object (COPY's GZIP option), chunk by chunk, including files
/// made of several concatenated gzip members as `cat a.gz b.gz` produces.
final class GzipInflater {
    /// zlib keeps a pointer back to its stream, so it lives at a fixed address.
    private let stream: UnsafeMutablePointer<z_stream>
    private var inMember = false
    private(set) var sawInput = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if inMember { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decompresses `input` onto the end of `out`; throws the reason when the data is not gzip.
    func inflate(_ input: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) throws(GzipFailure) {
        guard let start = input.baseAddress, input.count > 0 else { return }
        sawInput = true
        stream.pointee.next_in = UnsafeMutablePointer(mutating: start)
        stream.pointee.avail_in = UInt32(input.count)
        while stream.pointee.avail_in > 0 {
            if !inMember {
                guard sparkify_inflateInit2(stream, 15 + 16) == Z_OK else { throw GzipFailure(reason: "zlib could not start") }
                inMember = true
            }
            out.reserve(256 * 1024)
            stream.pointee.next_out = out.base + out.count
            stream.pointee.avail_out = UInt32(256 * 1024)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            out.count += 256 * 1024 - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                inflateEnd(stream)
                inMember = false
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw GzipFailure(reason: message)
            }
        }
    }

    /// Called at the end of the object: data that stopped inside a member is truncated.
    func finish() throws(GzipFailure) {
        if inMember { throw GzipFailure(reason: "unexpected end of gzip data (truncated object?)") }
    }
}

struct GzipFailure: Error {
    var reason: String
}
