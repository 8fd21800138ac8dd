import CGSL
import Foundation

/// The null distribution of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, as
/// scipy.stats computes it (`kstwo.sf`, i.e. `scipy.stats._ksstats._kolmogn`, Simard and
/// L'Ecuyer 2011): `kstest`'s default method 'auto' always uses it, for every n.
///
/// Branches on t = n d and n d^2 (the same cut-offs as scipy, so both agree to about 1e-10
/// where exact and 1e-5 where Pelz-Good is used):
/// - t <= 1 and t >= n - 1: Ruben and Gambino's closed forms;
/// - d >= 0.5, or n d^2 large (>= 4 for n <= 140, >= 2.2 above): twice the exact one-sided
///   Smirnov tail (Birnbaum-Tingey sum), exact to O(p^2);
/// - otherwise, n <= 140 or n d^1.5 <= 1.4: Durbin's matrix in the Marsaglia-Tsang-Wang (2003)
///   form, exact (O(m^3 log n) with m = 2 ceil(n d) - 1);
/// - otherwise the Pelz-Good (1976) asymptotic series (O(sqrt(n) d)).
/// The Smirnov sum costs O(n). Stephens' classic approximation (ALGORITHMS) is coarser
/// (about 1e-3) and is not used.
public enum KolmogorovDistribution {
    /// P(D_n >= d), clipped to [0, 1].
    public static func survival(_ d: Double, n: Int) -> Double {
        precondition(n >= 1, "n must be at least 1")
        GSL.configure()
        let p = rawSurvival(d, n: n)
        return min(1, max(0, p))
    }

    /// P(D_n <= d).
    public static func cdf(_ d: Double, n: Int) -> Double { 1 - survival(d, n: n) }

    static func rawSurvival(_ d: Double, n: Int) -> Double {
        if d.isNaN { return .nan }
        if d >= 1 { return 0 }
        if d <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * d
        if t <= 1 {
            if t <= 0.5 { return 1 }
            // P(D_n <= d) = n!/n^n (2t - 1)^n.
            let logCdf = gsl_sf_lnfact(UInt32(clamping: n)) - nd * log(nd) + nd * log(2 * t - 1)
            return 1 - exp(logCdf)
        }
        if t >= nd - 1 { return 2 * pow(1 - d, nd) }
        if d >= 0.5 { return 2 * smirnovSurvival(d, n: n) }
        let nx2 = t * d
        if n <= 140 {
            if nx2 <= 4 { return 1 - durbinMatrixCDF(d, n: n) }
            return 2 * smirnovSurvival(d, n: n)
        }
        if nx2 >= 370 { return 0 }
        if nx2 >= 2.2 { return 2 * smirnovSurvival(d, n: n) }
        if n <= 100_000 && nd * pow(d, 1.5) <= 1.4 { return 1 - durbinMatrixCDF(d, n: n) }
        return 1 - pelzGoodCDF(d, n: n)
    }

    /// The one-sided Smirnov tail P(D_n^+ >= d), exactly, by the Birnbaum-Tingey (1951) sum
    ///   d * sum_{j=0}^{floor(n(1-d))} C(n, j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1),
    /// whose terms are positive (summed in log space). O(n).
    public static func smirnovSurvival(_ d: Double, n: Int) -> Double {
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nd = Double(n)
        let last = Int((nd * (1 - d)).rounded(.down))
        guard last >= 0 else { return 0 }
        var logs = [Double]()
        logs.reserveCapacity(last + 1)
        let lnN = gsl_sf_lnfact(UInt32(clamping: n))
        for j in 0...last {
            let jd = Double(j)
            let a = 1 - d - jd / nd
            if a <= 0 { continue }
            let b = d + jd / nd
            let lchoose = lnN - gsl_sf_lnfact(UInt32(j)) - gsl_sf_lnfact(UInt32(n - j))
            logs.append(lchoose + (nd - jd) * log(a) + (jd - 1) * log(b))
        }
        guard let top = logs.max() else { return 0 }
        var sum = 0.0
        for l in logs { sum += exp(l - top) }
        return d * exp(top) * sum
    }

    /// P(D_n < d) by Durbin's matrix method as Marsaglia, Tsang and Wang (2003) compute it:
    /// with d = (k - h)/n, k = ceil(n d), m = 2k - 1, the answer is n!/n^n (H^n)[k-1][k-1] for
    /// the m x m matrix H below; powers are rescaled by 2^256 with the exponent kept apart.
    static func durbinMatrixCDF(_ d: Double, n: Int) -> Double {
        let nd = Double(n) * d
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var fact = [Double](repeating: 1, count: m + 1)  // fact[i] = i!
        for i in 1...m { fact[i] = fact[i - 1] * Double(i) }
        var hm = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m where i - j + 1 >= 0 {
                hm[i * m + j] = 1 / fact[i - j + 1]
            }
        }
        for i in 0..<m {
            hm[i * m] -= pow(h, Double(i + 1)) / fact[i + 1]
            hm[(m - 1) * m + i] -= pow(h, Double(m - i)) / fact[m - i]
        }
        hm[(m - 1) * m] += (2 * h - 1 > 0 ? pow(2 * h - 1, Double(m)) : 0) / fact[m]

        var result = [Double](repeating: 0, count: m * m)
        for i in 0..<m { result[i * m + i] = 1 }
        var resultExp = 0
        var power = hm
        var powerExp = 0
        var e = n
        let big = 0x1p256, small = 0x1p-256
        func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
            var c = [Double](repeating: 0, count: m * m)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        for i in 0..<m {
                            for l in 0..<m {
                                let x = pa[i * m + l]
                                if x == 0 { continue }
                                for j in 0..<m { pc[i * m + j] += x * pb[l * m + j] }
                            }
                        }
                    }
                }
            }
            return c
        }
        func rescale(_ a: inout [Double], _ exponent: inout Int) {
            let peak = a.reduce(0) { max($0, abs($1)) }
            if peak > big {
                for i in a.indices { a[i] *= small }
                exponent += 256
            }
        }
        while e > 0 {
            if e & 1 == 1 {
                result = multiply(result, power)
                resultExp += powerExp
                rescale(&result, &resultExp)
            }
            e >>= 1
            if e > 0 {
                power = multiply(power, power)
                powerExp *= 2
                rescale(&power, &powerExp)
            }
        }
        let entry = result[(k - 1) * m + (k - 1)]
        guard entry > 0 else { return 0 }
        let nn = Double(n)
        let logP = log(entry) + Double(resultExp) * M_LN2 + gsl_sf_lnfact(UInt32(clamping: n)) - nn * log(nn)
        return min(1, exp(logP))
    }

    /// The Pelz-Good (1976) approximation P(D_n <= d) ~ K0 + K1/sqrt(n) + K2/n + K3/n^1.5 with
    /// z = d sqrt(n), each K_i written as a theta-function series suited to small z (the form in
    /// Simard and L'Ecuyer 2011, section 2.1). The odd-index sums run over (2k-1)^2 exponents.
    static func pelzGoodCDF(_ d: Double, n: Int) -> Double {
        let nn = Double(n)
        let z = d * nn.squareRoot()
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2, z7 = z6 * z, z8 = z4 * z4, z10 = z8 * z2
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        if -pi2 / 8 / z2 < -708 { return 0 }
        let terms = max(1, Int((16 * z / Double.pi).rounded(.up)))
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        for k in 1...terms {
            let m = Double(2 * k - 1)
            let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
            let q = exp(-m2 * pi2 / 8 / z2)
            s0 += q
            s1 += q * (pi2 * m2 / 4 - z2)
            s2 += q * (6 * z6 + 2 * z4 + (2 * z4 - 5 * z2) * pi2 * m2 / 4 + pi4 * (1 - 2 * z2) * m4 / 16)
            s3 += q * (pi6 * (5 - 30 * z2) * m6 / 64 + pi4 * (-60 * z2 + 212 * z4) * m4 / 16
                       + pi2 * (135 * z4 - 96 * z6) * m2 / 4 - 30 * z6 - 90 * z8)
        }
        var e2 = 0.0, e3 = 0.0
        for k in 1...terms {
            let kk = Double(k) * Double(k)
            let q = exp(-kk * pi2 / 2 / z2)
            e2 += kk * q
            e3 += (3 * z2 - pi2 * kk) * kk * q
        }
        let k0 = sqrt2pi / z * s0
        let k1 = sqrt2pi / (6 * z4) * s1
        let k2 = sqrt2pi / (72 * z7) * s2 - pi2 * sqrt2pi / (36 * z3) * e2
        let k3 = sqrt2pi / (6480 * z10) * s3 + pi2 * sqrt2pi / (216 * z6) * e3
        let rn = nn.squareRoot()
        return k0 + k1 / rn + k2 / nn + k3 / (nn * rn)
    }
}
