/**
 * Binary prefix storage for subscriptions.
 *
 * Both tries in this folder sit on one radix tree ({@link PrefixTree}): topics are usually long and share
 * little beyond a short head, so one node per edge (not one per byte) keeps memory proportional to the
 * number of subscriptions rather than to their total length.
 *
 * @module
 */

const EMPTY = new Uint8Array(0)

/**
 * One node of a {@link PrefixTree}.
 *
 * @internal Exposed only so {@link MultiTrie} can keep direct handles on its nodes.
 */
export class PrefixNode<V> {
  /** Bytes on the edge from the parent to this node; owned by the tree, never a caller's buffer. */
  label: Uint8Array
  /** Undefined only for the root and for nodes already detached by pruning. */
  parent: PrefixNode<V> | undefined
  /** Keyed by the first byte of each child's label; created lazily because most nodes are leaves. */
  children: Map<number, PrefixNode<V>> | undefined = undefined
  /** Undefined means no prefix ends here: the node exists only to branch. */
  value: V | undefined = undefined

  constructor(label: Uint8Array, parent: PrefixNode<V> | undefined) {
    this.label = label
    this.parent = parent
  }
}

/**
 * A radix tree over byte strings whose nodes carry an optional value.
 *
 * Invariant kept by {@link PrefixTree.prune}: every node other than the root either carries a value or has
 * at least two children, so the node count stays below twice the number of stored keys whatever the churn.
 * A node that carries a value keeps its identity for as long as it does (splits and merges move other
 * nodes around it), which is what lets callers hold on to nodes.
 *
 * @internal Shared by {@link SubscriptionTrie} and {@link MultiTrie}; not part of the package API.
 */
export class PrefixTree<V> {
  /** Holds the value of the empty prefix; never pruned. */
  root: PrefixNode<V> = new PrefixNode<V>(EMPTY, undefined)
  /** Nodes other than the root, for diagnostics. */
  nodeCount = 0

  /** The node whose path spells exactly `key`, which may carry no value, or undefined. */
  find(key: Uint8Array): PrefixNode<V> | undefined {
    let node = this.root
    let i = 0
    while (i < key.length) {
      const child = node.children?.get(key[i])
      if (child === undefined) return undefined
      const label = child.label
      if (key.length - i < label.length) return undefined
      for (let j = 1; j < label.length; j++) {
        if (key[i + j] !== label[j]) return undefined
      }
      i += label.length
      node = child
    }
    return node
  }

  /** The node for `key`, creating it (and splitting an edge if needed) when absent. */
  insert(key: Uint8Array): PrefixNode<V> {
    let node = this.root
    let i = 0
    while (i < key.length) {
      const first = key[i]
      const child = node.children?.get(first)
      if (child === undefined) {
        const leaf = new PrefixNode<V>(key.slice(i), node)
        if (node.children === undefined) node.children = new Map()
        node.children.set(first, leaf)
        this.nodeCount++
        return leaf
      }
      const label = child.label
      const limit = Math.min(label.length, key.length - i)
      let common = 1
      while (common < limit && key[i + common] === label[common]) common++
      if (common === label.length) {
        node = child
        i += common
        continue
      }
      // The key diverges inside the child's edge (or ends there): a branch node takes the shared part.
      const branch = new PrefixNode<V>(label.slice(0, common), node)
      child.label = label.slice(common)
      child.parent = branch
      branch.children = new Map([[child.label[0], child]])
      node.children!.set(first, branch)
      this.nodeCount++
      i += common
      if (i === key.length) return branch
      const leaf = new PrefixNode<V>(key.slice(i), branch)
      branch.children.set(key[i], leaf)
      this.nodeCount++
      return leaf
    }
    return node
  }

  /**
   * The child of `node` whose edge matches `data` from `offset`, or undefined. The caller advances its
   * offset by the child's label length; keeping the walk in the caller lets match loops stay allocation-free.
   */
  step(node: PrefixNode<V>, data: Uint8Array, offset: number): PrefixNode<V> | undefined {
    if (offset >= data.length) return undefined
    const child = node.children?.get(data[offset])
    if (child === undefined) return undefined
    const label = child.label
    if (data.length - offset < label.length) return undefined
    for (let j = 1; j < label.length; j++) {
      if (data[offset + j] !== label[j]) return undefined
    }
    return child
  }

  /**
   * Restores the invariant after `node` lost its value: drops empty leaves and folds single-child
   * branches into their child, walking up as far as the removal propagates.
   */
  prune(node: PrefixNode<V>): void {
    let current = node
    while (current !== this.root && current.value === undefined) {
      const children = current.children
      const count = children === undefined ? 0 : children.size
      if (count >= 2) return
      const parent = current.parent!
      if (count === 0) {
        parent.children!.delete(current.label[0])
        if (parent.children!.size === 0) parent.children = undefined
        current.parent = undefined
        this.nodeCount--
        current = parent
        continue
      }
      // The only child absorbs this node's edge; the child keeps its identity because it may carry a value.
      const child = children!.values().next().value!
      const merged = new Uint8Array(current.label.length + child.label.length)
      merged.set(current.label, 0)
      merged.set(child.label, current.label.length)
      child.label = merged
      child.parent = parent
      parent.children!.set(merged[0], child)
      current.parent = undefined
      current.children = undefined
      this.nodeCount--
      return
    }
  }

  /** The full key of `node`, rebuilt from the labels up to the root (a fresh copy). */
  keyOf(node: PrefixNode<V>): Uint8Array {
    let length = 0
    for (let n: PrefixNode<V> | undefined = node; n !== undefined; n = n.parent) length += n.label.length
    const key = new Uint8Array(length)
    for (let n: PrefixNode<V> | undefined = node; n !== undefined; n = n.parent) {
      length -= n.label.length
      key.set(n.label, length)
    }
    return key
  }

  /** Calls `visit` with a fresh copy of the key of every node that carries a value, parents first. */
  forEach(visit: (key: Uint8Array, value: V) => void): void {
    const walk = (node: PrefixNode<V>, key: Uint8Array): void => {
      if (node.value !== undefined) visit(key.slice(), node.value)
      if (node.children === undefined) return
      for (const child of node.children.values()) {
        const next = new Uint8Array(key.length + child.label.length)
        next.set(key, 0)
        next.set(child.label, key.length)
        walk(child, next)
      }
    }
    walk(this.root, EMPTY)
  }

  /** Drops every node. */
  clear(): void {
    this.root = new PrefixNode<V>(EMPTY, undefined)
    this.nodeCount = 0
  }
}

/**
 * A counted set of binary subscription prefixes, with libzmq's semantics: subscribing the same prefix twice
 * takes two unsubscribes to remove it.
 *
 * Subscriber sockets use it to filter incoming messages locally; XSubscriber uses it to know which
 * subscriptions are live so they can be replayed after a reconnect. Prefixes are copied on the way in, so
 * callers may pass views into buffers they later reuse.
 */
export class SubscriptionTrie {
  private readonly tree = new PrefixTree<number>()
  private distinct = 0

  /**
   * Counts one more subscription to `prefix`.
   *
   * @returns true when the prefix is new (its count went from 0 to 1), i.e. when it must be forwarded upstream.
   */
  add(prefix: Uint8Array): boolean {
    const node = this.tree.insert(prefix)
    if (node.value !== undefined) {
      node.value++
      return false
    }
    node.value = 1
    this.distinct++
    return true
  }

  /**
   * Drops one subscription to `prefix`.
   *
   * @returns true when this dropped the last reference (count 1 to 0); false when other references remain or
   * the prefix was not subscribed at all.
   */
  remove(prefix: Uint8Array): boolean {
    const node = this.tree.find(prefix)
    if (node === undefined || node.value === undefined) return false
    if (node.value > 1) {
      node.value--
      return false
    }
    node.value = undefined
    this.distinct--
    this.tree.prune(node)
    return true
  }

  /**
   * Whether some stored prefix is a prefix of `data`; the empty prefix matches everything. Allocation-free,
   * since it runs for every received message.
   */
  matches(data: Uint8Array): boolean {
    const tree = this.tree
    let node: PrefixNode<number> | undefined = tree.root
    let offset = 0
    while (node !== undefined) {
      if (node.value !== undefined) return true
      node = tree.step(node, data, offset)
      if (node !== undefined) offset += node.label.length
    }
    return false
  }

  /** Whether exactly `prefix` is stored (not merely a prefix of it). */
  has(prefix: Uint8Array): boolean {
    return this.tree.find(prefix)?.value !== undefined
  }

  /** The number of distinct prefixes stored, regardless of their counts. */
  get size(): number {
    return this.distinct
  }

  /**
   * The number of internal tree nodes, excluding the root. For diagnostics and tests only: it shows that
   * unsubscribing releases memory (it is 0 whenever {@link SubscriptionTrie.size} is 0, and below twice
   * the size otherwise).
   */
  get nodeCount(): number {
    return this.tree.nodeCount
  }

  /** Fresh copies of every distinct stored prefix, shorter ones before their extensions; counts are not repeated. */
  prefixes(): Uint8Array[] {
    const out: Uint8Array[] = []
    this.tree.forEach((key) => {
      out.push(key)
    })
    return out
  }

  /** Forgets every prefix and its count. */
  clear(): void {
    this.tree.clear()
    this.distinct = 0
  }
}
