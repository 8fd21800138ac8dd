import KVCacheCore
import Testing

/// `RequestColumn` stores nothing while its values are an arithmetic sequence and stores them
/// all from the first value off it: either way it reads exactly the values appended.
@Suite struct RequestColumnTests {
    /// Random appends of every kind, checked against a plain array after each one.
    @Test func readsWhatWasAppendedWhateverTheOrder() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for trial in 0 ..< 300 {
            var column = RequestColumn(), model: [Int32] = []
            // Mostly sequence-preserving appends, now and then one off the sequence.
            let offAt = next(4) == 0 ? Int.max : next(30)
            for step in 0 ..< 40 {
                let last = model.last ?? Int32(next(5))
                let stride: Int32 = model.count >= 2 ? model[model.count - 1] - model[model.count - 2] : Int32(next(3))
                switch next(3) {
                case 0:
                    let v = step == offAt ? last &+ 1000 : (model.isEmpty ? last : last &+ stride)
                    column.append(v)
                    model.append(v)
                case 1:
                    let n = next(4)
                    let v = step == offAt ? last &+ 7 : last
                    column.append(repeating: v, count: n)
                    model.append(contentsOf: repeatElement(v, count: n))
                default:
                    let n = next(4)
                    let from = step == offAt ? last &+ 3 : last
                    column.append(successorsOf: from, count: n)
                    if n > 0 { model.append(contentsOf: (from + 1) ... (from + Int32(n))) }
                }
                #expect(Array(column) == model, "trial \(trial), step \(step)")
                #expect(column.count == model.count)
                let viewed = column.withView { v in (0 ..< v.count).map { v[$0] } }
                #expect(viewed == model, "trial \(trial), step \(step): the view")
                let isSequence = model.count < 3 || zip(model.dropFirst(2), zip(model.dropFirst(), model)).allSatisfy { c, pair in
                    c - pair.0 == pair.0 - pair.1
                }
                if !isSequence { #expect(!column.isImplicit, "trial \(trial), step \(step)") }
            }
            #expect(column == RequestColumn(model))
        }
    }

    @Test func oneBlockRequestsStoreNothing() {
        var starts: RequestColumn = [0], lengths = RequestColumn()
        starts.reserveCapacity(1_000_001)
        starts.append(successorsOf: 0, count: 600_000)
        starts.append(successorsOf: 600_000, count: 400_000)
        lengths.append(repeating: 16, count: 1_000_000)
        #expect(starts.isImplicit && lengths.isImplicit)
        #expect(starts.count == 1_000_001 && starts[1_000_000] == 1_000_000 && starts.capacity >= 1_000_001)
        #expect(lengths.commonValue == 16 && lengths[999_999] == 16)
        // A request of two blocks: from then on stored, the same values.
        starts.append(1_000_002)
        lengths.append(32)
        #expect(!starts.isImplicit && !lengths.isImplicit && lengths.commonValue == nil)
        #expect(starts[999_999] == 999_999 && starts[1_000_001] == 1_000_002 && lengths.last == 32 && lengths[5] == 16)
    }

    @Test func equalValuesAreEqualColumnsHoweverHeld() {
        var stored = RequestColumn([5, 9])
        stored.append(1)           // off the sequence: stored
        stored = RequestColumn(Array(stored).prefix(2))
        #expect(stored == [5, 9])
        #expect(RequestColumn([3, 3, 3]) == RequestColumn(Array(repeating: 3, count: 3)))
        #expect(RequestColumn([3, 3, 3]) != [3, 3, 4])
        #expect(RequestColumn() == [])
    }
}
