/**
 * Binary prefixes mapped to the subscribers (pipes) that asked for them.
 *
 * @module
 */

import { type PrefixNode, PrefixTree } from './subscription-trie.js'

/** Per-subscriber bookkeeping shared by every prefix it holds. */
interface SubscriberRecord<T> {
  /** Nodes holding this subscriber: lets removal on disconnect skip the rest of the tree. */
  readonly nodes: Set<PrefixNode<Set<T>>>
  /** Generation of the last {@link MultiTrie.match} that visited this subscriber; dedupes without a per-call set. */
  visited: number
}

/**
 * Maps binary subscription prefixes to sets of subscribers, used by Publisher and XPublisher to decide which
 * peers receive a message and when to emit XPUB notifications.
 *
 * A subscriber is held at most once per prefix (set semantics, unlike {@link SubscriptionTrie}'s counts:
 * each peer's own counting happens on its side). Prefixes are copied on the way in. Subscribers are compared
 * by identity, as Map keys.
 *
 * @typeParam T - the subscriber handle, typically a pipe.
 */
export class MultiTrie<T> {
  private readonly tree = new PrefixTree<Set<T>>()
  private readonly records = new Map<T, SubscriberRecord<T>>()
  private distinct = 0
  private generation = 0

  /**
   * Subscribes `subscriber` to `prefix`. Adding a pair that is already present changes nothing.
   *
   * @returns true when the prefix had no subscriber at all before, i.e. when an XPUB should announce it.
   */
  add(prefix: Uint8Array, subscriber: T): boolean {
    const node = this.tree.insert(prefix)
    let first = false
    if (node.value === undefined) {
      node.value = new Set()
      this.distinct++
      first = true
    } else if (node.value.has(subscriber)) {
      return false
    }
    node.value.add(subscriber)
    let record = this.records.get(subscriber)
    if (record === undefined) {
      record = { nodes: new Set(), visited: 0 }
      this.records.set(subscriber, record)
    }
    record.nodes.add(node)
    return first
  }

  /**
   * Unsubscribes `subscriber` from `prefix`.
   *
   * @returns true when this removed the prefix's last subscriber; false when others remain or the pair was
   * not present.
   */
  remove(prefix: Uint8Array, subscriber: T): boolean {
    const node = this.tree.find(prefix)
    const set = node?.value
    if (node === undefined || set === undefined || !set.delete(subscriber)) return false
    const record = this.records.get(subscriber)!
    record.nodes.delete(node)
    if (record.nodes.size === 0) this.records.delete(subscriber)
    if (set.size > 0) return false
    this.release(node)
    return true
  }

  /**
   * Removes `subscriber` from every prefix, e.g. when its peer disconnects. Costs time proportional to the
   * subscriber's own prefixes, not to the whole tree.
   *
   * @param onLastRemoved - called with a fresh copy of each prefix left without any subscriber, after all
   * removals are done (so the trie is consistent if the callback inspects or changes it).
   */
  removeSubscriber(subscriber: T, onLastRemoved?: (prefix: Uint8Array) => void): void {
    const record = this.records.get(subscriber)
    if (record === undefined) return
    this.records.delete(subscriber)
    const emptied: Uint8Array[] | undefined = onLastRemoved === undefined ? undefined : []
    for (const node of record.nodes) {
      const set = node.value!
      set.delete(subscriber)
      if (set.size > 0) continue
      // The key must be read before pruning, which may detach or relabel nodes on the path.
      if (emptied !== undefined) emptied.push(this.tree.keyOf(node))
      this.release(node)
    }
    if (emptied !== undefined) for (const prefix of emptied) onLastRemoved!(prefix)
  }

  /**
   * Calls `visit` once for each subscriber holding at least one prefix of `data`, even when several of its
   * prefixes match. Allocation-free apart from iterating the sets, since it runs for every published message.
   *
   * `visit` must not change this trie nor call `match` again before returning; collect and act afterwards.
   */
  match(data: Uint8Array, visit: (subscriber: T) => void): void {
    const tree = this.tree
    const records = this.records
    const generation = ++this.generation
    let node: PrefixNode<Set<T>> | undefined = tree.root
    let offset = 0
    while (node !== undefined) {
      const set = node.value
      if (set !== undefined) {
        for (const subscriber of set) {
          const record = records.get(subscriber)!
          if (record.visited === generation) continue
          record.visited = generation
          visit(subscriber)
        }
      }
      node = tree.step(node, data, offset)
      if (node !== undefined) offset += node.label.length
    }
  }

  /**
   * The subscribers of exactly `prefix`, or undefined when it has none. This is a live view: it reflects
   * later changes and must not be kept across them.
   */
  subscribers(prefix: Uint8Array): ReadonlySet<T> | undefined {
    return this.tree.find(prefix)?.value
  }

  /** The number of distinct prefixes with at least one subscriber. */
  get size(): number {
    return this.distinct
  }

  /**
   * The number of internal tree nodes, excluding the root. For diagnostics and tests only: it is 0 whenever
   * {@link MultiTrie.size} is 0, and below twice the size otherwise.
   */
  get nodeCount(): number {
    return this.tree.nodeCount
  }

  private release(node: PrefixNode<Set<T>>): void {
    node.value = undefined
    this.distinct--
    this.tree.prune(node)
  }
}
