/// An accelerator's dense peak and memory bandwidth, for the FLOP time model and the L1
/// (device memory) load bandwidth. Sources: NVIDIA's data sheets (dense BF16 tensor FLOP/s,
/// without sparsity; HBM/GDDR bandwidth).
public struct AcceleratorSpec: Sendable, Equatable {
    public var name: String
    public var peakFLOPs: Double
    public var memoryBandwidthBytesPerSecond: Double

    public init(name: String, peakFLOPs: Double, memoryBandwidthBytesPerSecond: Double) {
        self.name = name
        self.peakFLOPs = peakFLOPs
        self.memoryBandwidthBytesPerSecond = memoryBandwidthBytesPerSecond
    }

    public static let presets: [String: AcceleratorSpec] = [
        // H100 SXM5 data sheet: 989 TFLOP/s BF16 dense, 3.35 TB/s HBM3.
        "h100-sxm": AcceleratorSpec(name: "h100-sxm", peakFLOPs: 989e12, memoryBandwidthBytesPerSecond: 3.35e12),
        // A100 80GB SXM data sheet: 312 TFLOP/s BF16 dense, 2.039 TB/s HBM2e.
        "a100-80gb": AcceleratorSpec(name: "a100-80gb", peakFLOPs: 312e12, memoryBandwidthBytesPerSecond: 2.039e12),
        // L40S data sheet: 362 TFLOP/s BF16 dense, 864 GB/s GDDR6.
        "l40s": AcceleratorSpec(name: "l40s", peakFLOPs: 362e12, memoryBandwidthBytesPerSecond: 864e9),
    ]
}
