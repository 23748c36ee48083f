/**
 * A bounded memo from a span of text to a small int, looked up without cutting the span out of
 * the text: the tokenizer hashes each space-separated chunk while scanning for spaces, and a hit
 * costs one typed-array probe plus one `startsWith`, with no substring, split array or Map.
 * Open addressing over typed arrays; full when it holds `capacity` keys (the owner then clears it).
 */
export class SpanMemo {
  private readonly mask: number
  /** Per slot, side by side: the key's hash and its index + 1 (0 = empty). A probe reads one cache line; the
   * key itself is only fetched when the hashes agree (they used to sit in a second array: a second miss per probe). */
  private readonly slots: Int32Array
  /** Per key index: its value. */
  private readonly values: Int32Array
  private keys: string[] = []

  constructor(readonly capacity: number) {
    let size = 1024
    while (size < capacity * 2) size *= 2
    this.mask = size - 1
    this.slots = new Int32Array(size * 2)
    this.values = new Int32Array(capacity)
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
    const slots = this.slots
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const k = slots[2 * s + 1] - 1
      if (k < 0) return undefined
      if (slots[2 * s] === h) {
        const key = this.keys[k]
        if (key.length === len && text.startsWith(key, start)) return this.values[k]
      }
    }
  }

  /** Adds a key (must be absent and the memo not full). */
  set(key: string, h: number, value: number): void {
    const k = this.keys.length
    this.keys.push(key)
    this.values[k] = value
    let s = h & this.mask
    while (this.slots[2 * s + 1] !== 0) s = (s + 1) & this.mask
    this.slots[2 * s] = h
    this.slots[2 * s + 1] = k + 1
  }

  clear(): void {
    this.slots.fill(0)
    this.keys = []
  }
}
