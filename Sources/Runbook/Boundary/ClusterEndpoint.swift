/// Where a cluster's database listens, as Redshift reports it.
public struct ClusterEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// "dwhcluster.abc.us-west-2.redshift.amazonaws.com:5439"
    public var text: String { "\(host):\(port)" }
}
