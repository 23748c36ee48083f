import { EventEmitter } from 'node:events'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { BatchWriter, POST_COLUMNS, Spool, analyseStep, createAnalyserPool, createDedupe, createMatcher, createPipeline, createValidator, matchStep, validateStep, type FlushInfo, type IngestResult, type Pipeline } from '@pulso/ingest'
import { createAnalyzer } from '@pulso/ingest/nlp'

declare module 'fastify' {
  interface FastifyInstance {
    writer: BatchWriter
    pipeline: Pipeline
    /** The one front door: HTTP and every source put posts through here. */
    ingest: Pipeline['process']
    /** `stored` after each ingest call, `flush` after each batch the writer stores: for the live view and metrics. */
    ingestEvents: EventEmitter<{ stored: [IngestResult]; flush: [FlushInfo] }>
  }
}

/** validate → match → analyse → write, with the batched writer, its spool, and the NLP worker threads. */
export default fp(
  async function ingestPlugin(app: FastifyInstance) {
    const c = app.config
    const events = new EventEmitter<{ stored: [IngestResult]; flush: [FlushInfo] }>()
    const writer = new BatchWriter(app.store.client, {
      table: 'posts',
      columns: POST_COLUMNS,
      maxRows: c.batchMaxRows,
      flushMs: c.flushMs,
      maxAttempts: 3,
      retryBaseMs: 100,
      insertTimeoutMs: c.insertTimeoutMs,
      dedupe: createDedupe(app.store.client),
      spool: c.spoolMaxBytes > 0 ? new Spool(c.spoolDir ?? path.join(c.dataDir, 'spool'), c.spoolMaxBytes) : undefined,
    })
    writer.onFlush = (f) => events.emit('flush', f)
    // NLP on worker threads (NLP_WORKERS, default cores − 1): the main thread parses, validates, matches and writes.
    const analyser = c.nlpWorkers > 0 ? createAnalyserPool({ size: c.nlpWorkers }) : undefined
    const pipeline = createPipeline(
      [validateStep(createValidator({ maxTextChars: c.maxTextChars })), matchStep(createMatcher(app.entities)), ...(analyser ? [] : [analyseStep(createAnalyzer())])],
      writer,
      { analyser },
    )
    app.decorate('writer', writer)
    app.decorate('pipeline', pipeline)
    app.decorate('ingestEvents', events)
    app.decorate('ingest', async (raw: Parameters<Pipeline['process']>[0]) => {
      const r = await pipeline.process(raw)
      events.emit('stored', r)
      return r
    })
    // After the sources stopped (preClose): flush what was accepted, then the workers; the store closes after us.
    app.addHook('onClose', async () => {
      await writer.close()
      await analyser?.close()
    })
  },
  { name: 'ingest', dependencies: ['store', 'settings'] },
)
