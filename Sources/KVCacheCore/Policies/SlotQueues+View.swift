extension SlotQueues {
    /// The queues' links, ends and counts through raw pointers: the list operations of
    /// `SlotQueues` (which forward here), on a plain value. A policy's hot path takes one view
    /// per access and keeps its pointers in registers; reached through the policy's `inout`
    /// fields instead, every pointer is loaded again after each store into a node, since the
    /// store might alias it. Valid until the pool grows (`allocate` with every slot taken,
    /// `reserve`); it neither allocates nor frees slots.
    struct View {
        let nodes: UnsafeMutablePointer<Node>
        let counts: UnsafeMutablePointer<Int>
        /// Slots `0 ..< sentinels` are the queues' sentinels.
        let sentinels: Int32

        @inline(__always) func count(_ q: Int) -> Int { counts[q] }
        /// `s`, or `none` for a sentinel (an end of a queue).
        @inline(__always) func slotOrNone(_ s: Int32) -> Int32 { s >= sentinels ? s : SlotQueues.none }
        /// The newest slot of queue `q`, or `none`.
        @inline(__always) func head(_ q: Int) -> Int32 { slotOrNone(nodes[q].next) }
        /// The oldest slot of queue `q`, or `none`.
        @inline(__always) func tail(_ q: Int) -> Int32 { slotOrNone(nodes[q].prev) }
        /// The block held by slot `s`.
        @inline(__always) func id(_ s: Int32) -> Int32 { nodes[Int(s)].id }
        /// Gives slot `s` (in no queue) to block `id`, as `allocate` would after `release`.
        @inline(__always) func setId(_ s: Int32, _ id: Int32, aux: UInt8 = 0) {
            assert(nodes[Int(s)].tag == 0, "slot \(s) reused while queued")
            nodes[Int(s)].id = id
            nodes[Int(s)].aux = aux
        }
        /// The queue holding slot `s`.
        @inline(__always) func queue(_ s: Int32) -> Int { Int(nodes[Int(s)].tag) &- 1 }
        /// The neighbour toward the tail (older), or `none`.
        @inline(__always) func after(_ s: Int32) -> Int32 { slotOrNone(nodes[Int(s)].next) }
        /// The neighbour toward the head (newer), or `none`.
        @inline(__always) func before(_ s: Int32) -> Int32 { slotOrNone(nodes[Int(s)].prev) }
        @inline(__always) func aux(_ s: Int32) -> UInt8 { nodes[Int(s)].aux }
        @inline(__always) func setAux(_ s: Int32, _ value: UInt8) { nodes[Int(s)].aux = value }

        /// Puts slot `s` (in no queue) at the head of queue `q`.
        @inline(__always)
        func pushHead(_ s: Int32, _ q: Int) {
            assert(s >= sentinels && nodes[Int(s)].tag == 0, "slot \(s) already queued")
            let h = nodes[q].next
            nodes[Int(s)].prev = Int32(truncatingIfNeeded: q)
            nodes[Int(s)].next = h
            nodes[Int(s)].tag = UInt8(truncatingIfNeeded: q &+ 1)
            nodes[Int(h)].prev = s
            nodes[q].next = s
            counts[q] &+= 1
        }

        /// Takes slot `s` out of its queue (it keeps its id and byte).
        @inline(__always)
        func remove(_ s: Int32) {
            let i = Int(s)
            assert(s >= sentinels && nodes[i].tag != 0, "slot \(s) is in no queue")
            let p = nodes[i].prev, n = nodes[i].next
            nodes[Int(p)].next = n
            nodes[Int(n)].prev = p
            counts[Int(nodes[i].tag) &- 1] &-= 1
            nodes[i].tag = 0
        }

        /// Moves slot `s` to the head of queue `q` (its own or another).
        @inline(__always)
        func moveToHead(_ s: Int32, _ q: Int) {
            if nodes[q].next == s { return }
            remove(s)
            pushHead(s, q)
        }

        /// A one-block miss with a full cache whose victim is in slot `s` (MODEL 3.5's steps
        /// fused, `EvictionPolicy.accessOneBlock`): the victim leaves the queue and the cache,
        /// `id` enters the cache (the cache's calls, in `Simulator.access`'s order) and takes slot
        /// `s`, the one `allocate` would hand back, at the head of queue `q`.
        @inline(__always)
        func replace(_ s: Int32, by id: Int32, atHeadOf q: Int, cache: inout BlockCache) {
            let victim = self.id(s)
            remove(s)
            cache.evict(victim)
            cache.insert(id)
            setId(s, id)
            pushHead(s, q)
        }
    }
}
