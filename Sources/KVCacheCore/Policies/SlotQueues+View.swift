extension SlotQueues {
    /// The queues' links, ends and counts through raw pointers: the list operations of
    /// `SlotQueues` (which forward here), on a plain value. A policy's hot path takes one view
    /// per access and keeps its pointers in registers; reached through the policy's `inout`
    /// fields instead, every pointer is loaded again after each store into a node, since the
    /// store might alias it. Valid until the pool grows (`allocate` with every slot taken,
    /// `reserve`); it neither allocates nor frees slots.
    struct View {
        let nodes: UnsafeMutablePointer<Node>
        let heads: UnsafeMutablePointer<Int32>
        let tails: UnsafeMutablePointer<Int32>
        let counts: UnsafeMutablePointer<Int>

        @inline(__always) func count(_ q: Int) -> Int { counts[q] }
        @inline(__always) func head(_ q: Int) -> Int32 { heads[q] }
        @inline(__always) func tail(_ q: Int) -> Int32 { tails[q] }
        /// The block held by slot `s`.
        @inline(__always) func id(_ s: Int32) -> Int32 { nodes[Int(s)].id }
        /// The queue holding slot `s`.
        @inline(__always) func queue(_ s: Int32) -> Int { Int(nodes[Int(s)].tag) &- 1 }
        /// The neighbour toward the tail (older), or `none`.
        @inline(__always) func after(_ s: Int32) -> Int32 { nodes[Int(s)].next }
        /// The neighbour toward the head (newer), or `none`.
        @inline(__always) func before(_ s: Int32) -> Int32 { nodes[Int(s)].prev }
        @inline(__always) func aux(_ s: Int32) -> UInt8 { nodes[Int(s)].aux }
        @inline(__always) func setAux(_ s: Int32, _ value: UInt8) { nodes[Int(s)].aux = value }

        /// Puts slot `s` (in no queue) at the head of queue `q`.
        @inline(__always)
        func pushHead(_ s: Int32, _ q: Int) {
            assert(nodes[Int(s)].tag == 0, "slot \(s) already queued")
            let h = heads[q]
            nodes[Int(s)].prev = SlotQueues.none
            nodes[Int(s)].next = h
            nodes[Int(s)].tag = UInt8(truncatingIfNeeded: q &+ 1)
            if h != SlotQueues.none { nodes[Int(h)].prev = s } else { tails[q] = s }
            heads[q] = s
            counts[q] &+= 1
        }

        /// Takes slot `s` out of its queue (it keeps its id and byte).
        @inline(__always)
        func remove(_ s: Int32) {
            let i = Int(s)
            assert(nodes[i].tag != 0, "slot \(s) is in no queue")
            let q = Int(nodes[i].tag) &- 1
            let p = nodes[i].prev, n = nodes[i].next
            if p != SlotQueues.none { nodes[Int(p)].next = n } else { heads[q] = n }
            if n != SlotQueues.none { nodes[Int(n)].prev = p } else { tails[q] = p }
            nodes[i].tag = 0
            counts[q] &-= 1
        }

        /// Moves slot `s` to the head of queue `q` (its own or another).
        @inline(__always)
        func moveToHead(_ s: Int32, _ q: Int) {
            if heads[q] == s { return }
            remove(s)
            pushHead(s, q)
        }
    }
}
