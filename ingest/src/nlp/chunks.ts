/**
 * A bounded memo from a span of text to a small int, looked up without cutting the span out of
 * the text: the tokenizer hashes each space-separated chunk while scanning for spaces, and a hit
 * costs one typed-array probe plus one `startsWith`, with no substring, split array or Map.
 * Open addressing over typed arrays; full when it holds `capacity` keys (the owner then clears it).
 */
export class SpanMemo {
  private readonly mask: number
  /** Slot → key index + 1 (0 = empty). */
  private readonly slots: Int32Array
  /** Per key index: its hash and its value side by side (one cache line for both on a probe). */
  private readonly entries: Int32Array
  private keys: string[] = []

  constructor(readonly capacity: number) {
    let size = 1024
    while (size < capacity * 2) size *= 2
    this.mask = size - 1
    this.slots = new Int32Array(size)
    this.entries = new Int32Array(capacity * 2)
  }

  get size(): number {
    return this.keys.length
  }
  get full(): boolean {
    return this.keys.length >= this.capacity
  }

  /** Value of `text[start, end)`, whose FNV-1a hash (hash.ts) is `h`, or undefined. */
  get(text: string, start: number, end: number, h: number): number | undefined {
    const len = end - start
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const k = this.slots[s] - 1
      if (k < 0) return undefined
      if (this.entries[2 * k] === h) {
        const key = this.keys[k]
        if (key.length === len && text.startsWith(key, start)) return this.entries[2 * k + 1]
      }
    }
  }

  /** Adds a key (must be absent and the memo not full). */
  set(key: string, h: number, value: number): void {
    const k = this.keys.length
    this.keys.push(key)
    this.entries[2 * k] = h
    this.entries[2 * k + 1] = value
    let s = h & this.mask
    while (this.slots[s] !== 0) s = (s + 1) & this.mask
    this.slots[s] = k + 1
  }

  clear(): void {
    this.slots.fill(0)
    this.keys = []
  }
}
