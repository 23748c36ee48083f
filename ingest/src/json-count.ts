/**
 * Elements of a top-level JSON array, counted on the bytes without parsing (strings and nesting understood), and
 * stopping once past `stopAfter`. JSON.parse of a 16 MB array of five million `{}` takes seconds and a gigabyte
 * before anyone can count it; this takes ~30 ms and no memory. Returns 1 for a body that is not an array (one
 * post), and leaves malformed JSON for JSON.parse to report.
 */
export function countJsonArrayElements(buf: Uint8Array, stopAfter = Infinity): number {
  let i = 0
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++
  if (buf[i] !== 0x5b /* [ */) return 1
  let depth = 0
  let count = 0
  let sawValue = false
  let inString = false
  for (; i < buf.length; i++) {
    const b = buf[i]
    if (inString) {
      if (b === 0x5c /* \ */) i++
      else if (b === 0x22 /* " */) inString = false
      continue
    }
    if (b === 0x22) (inString = true), depth === 1 && (sawValue = true)
    else if (b === 0x5b || b === 0x7b /* [ { */) {
      if (depth === 1) sawValue = true
      depth++
    } else if (b === 0x5d || b === 0x7d /* ] } */) {
      depth--
      if (depth === 0) break
    } else if (depth === 1) {
      if (b === 0x2c /* , */) {
        if (++count > stopAfter) return count
        sawValue = false
      } else if (b > 0x20) sawValue = true
    }
  }
  return count + (sawValue ? 1 : 0)
}
