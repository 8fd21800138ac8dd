/// Shrinks a polyline in pixel space without visibly changing it, so a curve with 200,000
/// points does not make a 3 MB SVG.
///
/// Consecutive points falling in the same half-pixel column are reduced to the first, the
/// lowest, the highest and the last of them (the "M4" reduction of Jugel et al., VLDB 2014,
/// which keeps every pixel the full line would colour); then middle points of straight
/// horizontal or vertical runs are dropped.
enum PathDecimator {
    typealias Point = (x: Double, y: Double)

    static func decimate(_ points: [Point]) -> [Point] {
        guard points.count > 4 else { return points }
        var reduced: [Point] = []
        reduced.reserveCapacity(min(points.count, 4096))
        var i = 0
        while i < points.count {
            let column = (points[i].x * 2).rounded(.down)
            var j = i, low = i, high = i
            while j + 1 < points.count && (points[j + 1].x * 2).rounded(.down) == column {
                j += 1
                if points[j].y < points[low].y { low = j }
                if points[j].y > points[high].y { high = j }
            }
            var previous = -1
            for k in [i, low, high, j].sorted() where k != previous {
                reduced.append(points[k])
                previous = k
            }
            i = j + 1
        }
        return droppingStraightMiddles(reduced)
    }

    /// Drops b from a→b→c when all three share a y (or an x) and b lies between a and c.
    static func droppingStraightMiddles(_ points: [Point]) -> [Point] {
        guard points.count > 2 else { return points }
        var out: [Point] = [points[0]]
        for k in 1..<(points.count - 1) {
            let a = out[out.count - 1], b = points[k], c = points[k + 1]
            let horizontal = a.y == b.y && b.y == c.y && (b.x - a.x) * (c.x - b.x) >= 0
            let vertical = a.x == b.x && b.x == c.x && (b.y - a.y) * (c.y - b.y) >= 0
            let duplicate = a.x == b.x && a.y == b.y
            if !(horizontal || vertical || duplicate) { out.append(b) }
        }
        out.append(points[points.count - 1])
        return out
    }

    /// The corner points of a step curve that holds each value until the next x.
    static func stepAfter(_ points: [Point]) -> [Point] {
        guard points.count > 1 else { return points }
        var out: [Point] = [points[0]]
        out.reserveCapacity(points.count * 2)
        for k in 1..<points.count {
            out.append((points[k].x, points[k - 1].y))
            out.append(points[k])
        }
        return out
    }
}
