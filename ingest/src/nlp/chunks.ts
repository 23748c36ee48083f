/**
 * A bounded memo from a span of text to a small int, looked up without cutting the span out of
 * the text: the tokenizer hashes each space-separated chunk while scanning for spaces, and a hit
 * costs one typed-array probe plus a compare of the span's characters, with no substring, split array or Map.
 * Open addressing over typed arrays; full when it holds `capacity` keys (the owner then clears it).
 */
export class SpanMemo {
  private readonly mask: number
  /** Per slot, side by side: the key's hash, where its characters start in `chars` + 1 (0 = empty), its length and
   * its value. A probe reads one cache line, and a hit one more (the characters): a key kept as a string in an array,
   * and its value in another, cost three more misses (array, string, value), most of the tokenizer's time. */
  private readonly slots: Int32Array
  /** The keys' characters, one after the other. */
  private chars: Uint16Array
  private used = 0
  private count = 0

  constructor(readonly capacity: number) {
    let size = 1024
    while (size < capacity * 2) size *= 2
    this.mask = size - 1
    this.slots = new Int32Array(size * 4)
    this.chars = new Uint16Array(Math.max(1024, capacity * 8))
  }

  get size(): number {
    return this.count
  }
  get full(): boolean {
    return this.count >= this.capacity
  }

  /** Value of `text[start, end)`, whose FNV-1a hash (hash.ts) is `h`, or undefined. */
  get(text: string, start: number, end: number, h: number): number | undefined {
    const len = end - start
    const slots = this.slots
    const chars = this.chars
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const at = 4 * s
      const from = slots[at + 1] - 1
      if (from < 0) return undefined
      if (slots[at] === h && slots[at + 2] === len) {
        let j = 0
        while (j < len && chars[from + j] === text.charCodeAt(start + j)) j++
        if (j === len) return slots[at + 3]
      }
    }
  }

  /** Adds a key (must be absent and the memo not full). */
  set(key: string, h: number, value: number): void {
    if (this.used + key.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(2 * this.chars.length, this.used + key.length))
      grown.set(this.chars.subarray(0, this.used))
      this.chars = grown
    }
    for (let j = 0; j < key.length; j++) this.chars[this.used + j] = key.charCodeAt(j)
    let s = h & this.mask
    while (this.slots[4 * s + 1] !== 0) s = (s + 1) & this.mask
    this.slots[4 * s] = h
    this.slots[4 * s + 1] = this.used + 1
    this.slots[4 * s + 2] = key.length
    this.slots[4 * s + 3] = value
    this.used += key.length
    this.count++
  }

  clear(): void {
    this.slots.fill(0)
    this.used = 0
    this.count = 0
  }
}
