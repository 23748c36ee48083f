import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'

/**
 * sha256 sources for the inline scripts of the wall's index.html (SvelteKit's bootstrap), so CSP needs no
 * 'unsafe-inline'. The wall's files are served per request (a rebuilt wall needs no restart), so the hashes follow the
 * file: re-read when its mtime or size changes (one stat per response, a few µs).
 */
function inlineScriptHashes(webDir: string): () => string {
  const file = path.join(webDir, 'index.html')
  let seen = ''
  let hashes = ''
  return () => {
    const st = statSync(file, { throwIfNoEntry: false })
    const key = st ? `${st.mtimeMs}|${st.size}` : ''
    if (key === seen) return hashes
    seen = key
    const html = st ? readFileSync(file, 'utf8') : ''
    hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`).join(' ')
    return hashes
  }
}

/** Security headers with a strict CSP, and a per-client rate limit on the API. */
export default fp(async function security(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'", inlineScriptHashes(app.config.webDir)],
        // Svelte sets style attributes for layout (positions, widths): inline styles, never inline scripts.
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
    // The wall is often shown on another origin's dashboard screen; allow framing only by itself.
    frameguard: { action: 'sameorigin' },
  })
  // Per client address, on every route that needs a credential: decided on the matched route, never on the raw URL
  // (`/%61pi/alerts` is /api/alerts). Public routes (the wall's files, health, docs) are not counted. The limiter
  // runs before the credential check, so wrong tokens count too.
  await app.register(rateLimit, {
    max: app.config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (req) => !req.routeOptions.config?.role,
  })
}, { name: 'security' })
