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
  private corrupt = 0

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true })
    for (const f of readdirSync(dir)) {
      // A temporary file is an append that crashed before its rename: never acknowledged, so nothing to replay.
      if (f.endsWith('.tmp')) unlinkSync(path.join(dir, f))
      else if (f.endsWith(QUARANTINED)) this.corrupt++
    }
    for (const f of this.segments()) this.bytes += statSync(path.join(dir, f)).size
  }

  get size(): number {
    return this.bytes
  }

  /** Segments set aside as `*.corrupt` (they could not be replayed), in the folder now: they wait for an operator. */
  get quarantined(): number {
    return this.corrupt
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
    writeDurably(path.join(this.dir, name), data, this.dir)
    this.bytes += len
    return true
  }

  /**
   * Sets a segment aside as `<name>.corrupt`, out of the replay: the whole file when it cannot be read, or only
   * `rows` (those the store refuses for good) when the rest is stored. Returns the file it is kept in.
   */
  quarantine(name: string, rows?: object[]): string {
    const from = path.join(this.dir, name)
    const to = `${name}${QUARANTINED}`
    const len = statSync(from).size
    if (rows) {
      writeDurably(path.join(this.dir, to), rows.map((r) => JSON.stringify(r)).join('\n') + '\n', this.dir)
      unlinkSync(from)
    } else renameDurably(from, path.join(this.dir, to), this.dir)
    this.bytes -= len
    this.corrupt++
    return to
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

const QUARANTINED = '.corrupt'

/** Written to a temporary file, fsync'd, renamed (atomic): a crash leaves no file or a whole one, never half a line. */
function writeDurably(file: string, data: string, dir: string) {
  const tmp = file + '.tmp'
  const fd = openSync(tmp, 'w')
  try {
    writeSync(fd, data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameDurably(tmp, file, dir)
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
