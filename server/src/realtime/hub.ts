import type { FastifyInstance } from 'fastify'
import { Server } from 'socket.io'
import type { IO } from '../live/live.ts'

/**
 * socket.io on the app's HTTP server, with the handshake's sign-in: walls send their token in the handshake `auth`
 * (never in a URL); a wrong token counts against the same per-address failure guard as HTTP, so guessing over
 * websockets is as slow as over HTTP. Client messages are capped (client events are small objects).
 */
export function createHub(app: FastifyInstance): IO {
  const io: IO = new Server(app.server, { serveClient: false, maxHttpBufferSize: app.config.socketMaxMessageBytes })
  io.use((socket, next) => {
    const address = socket.handshake.address
    const wait = app.authFailures.blockedFor(address)
    if (wait > 0) return next(new Error(`too many failed credentials from this address: retry in ${wait} s`))
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined
    const role = app.roleOf(token)
    if (!role) {
      if (token) app.authFailures.fail(address)
      return next(new Error('unauthorized: send a viewer or admin token in the handshake auth'))
    }
    socket.data.role = role
    next()
  })
  return io
}
