/**
 * The queue page's push channel: the server sends the `queue` summary whenever the queue changes (a post arrives,
 * an action is stored, a deadline passes), and the page re-reads its list then, instead of polling. A slow fallback
 * read runs only while the socket is down.
 */
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '@pulso/types'

const FALLBACK_MS = 10_000

export function onQueueChange(token: string | null, reread: () => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ auth: token ? { token } : {} })
  socket.on('queue', () => reread())
  // On (re)connect the summary is replayed, which re-reads too: nothing missed while away.
  const fallback = setInterval(() => {
    if (!socket.connected && !document.hidden) reread()
  }, FALLBACK_MS)
  return () => {
    clearInterval(fallback)
    socket.close()
  }
}
