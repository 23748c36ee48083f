import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import path from 'node:path'

/**
 * A local, fsync'd overflow for accepted posts the store could not take yet (down or slow). Each append is one
 * segment file, written and fsync'd (file and folder) before the caller acknowledges; segments are replayed in
 * order and deleted once stored. Bounded: `append` refuses when the spool would pass maxBytes, and the caller
 * pushes back (429) instead of losing anything.
 */
export class Spool {
  private bytes = 0
  private seq = 0

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true })
    for (const f of this.segments()) this.bytes += statSync(path.join(dir, f)).size
  }

  get size(): number {
    return this.bytes
  }

  /** Segment names, oldest first (names sort by time, then sequence). */
  segments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.ndjson'))
      .sort()
  }

  /** Appends rows durably; false (and nothing written) when it would pass the bound. */
  append(rows: object[]): boolean {
    const data = rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
    const len = Buffer.byteLength(data)
    if (this.bytes + len > this.maxBytes) return false
    const name = `${Date.now().toString().padStart(15, '0')}-${(this.seq++).toString().padStart(9, '0')}.ndjson`
    const tmp = path.join(this.dir, name + '.tmp')
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    // rename is atomic: a crash leaves either no segment or a whole one, never half a line.
    renameDurably(tmp, path.join(this.dir, name), this.dir)
    this.bytes += len
    return true
  }

  read(name: string): object[] {
    return readFileSync(path.join(this.dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  }

  remove(name: string): void {
    const p = path.join(this.dir, name)
    const len = statSync(p).size
    unlinkSync(p)
    this.bytes -= len
  }
}

function renameDurably(from: string, to: string, dir: string) {
  renameSync(from, to)
  const d = openSync(dir, 'r')
  try {
    fsyncSync(d)
  } finally {
    closeSync(d)
  }
}
