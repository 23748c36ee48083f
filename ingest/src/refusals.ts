/**
 * How the writer tells ClickHouse's answers apart. A refusal carries ClickHouse's numeric error code; a network
 * failure or a timeout does not (the store is unreachable or slow: retry, then spool).
 */
export function isStoreRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && /^\d+$/.test(code)
}

/**
 * Codes (src/Common/ErrorCodes.cpp) for data the store cannot parse or accept: the same rows fail the same way
 * every time, so retrying with backoff only holds every other producer's rows queued behind them (a lone surrogate
 * once cost a bystander 22 s). The batch is split at once instead. Codes that may be transient (memory, too many
 * parts, timeouts, a body cut short on the wire) are left out: those still get their retries.
 */
const BAD_DATA = new Set([
  6, // CANNOT_PARSE_TEXT
  17, // DELIMITER_IN_STRING_LITERAL_DOESNT_MATCH
  19, // SIZE_OF_FIXED_STRING_DOESNT_MATCH
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE (a lone UTF-16 surrogate)
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  128, // TOO_LARGE_ARRAY_SIZE
  130, // CANNOT_READ_ARRAY_FROM_TEXT
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  376, // CANNOT_PARSE_UUID
  407, // DECIMAL_OVERFLOW
  441, // CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING
  467, // CANNOT_PARSE_BOOL
  469, // VIOLATED_CONSTRAINT
])

/** A refusal of the rows themselves, deterministic: split without retrying. */
export function isBadData(e: unknown): boolean {
  return isStoreRefusal(e) && BAD_DATA.has(Number((e as { code: string }).code))
}

/**
 * The first field of a row holding a lone UTF-16 surrogate, if any. The validator repairs or refuses those; a row
 * that still carries one (another path, a future bug) is refused here, before it costs a split of its batch.
 */
export function illFormedField(row: object): string | undefined {
  // for…in, not Object.entries: this runs on every row written, and an array of pairs per row is garbage at 20k/s.
  const r = row as Record<string, unknown>
  for (const k in r) {
    const v = r[k]
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return k
    } else if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'string' && !x.isWellFormed()) return k
    }
  }
  return undefined
}
