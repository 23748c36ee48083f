/**
 * Who posts in the demo. Real feeds are lopsided: thousands of ordinary accounts with a few hundred followers, a
 * handful of verified media and personalities with millions, bot accounts with no reach that post in bursts, and the
 * brand's own care account. The queue's priority and the authenticity work only show something on such a mix.
 */
import { hashInt, type Composer } from './compose.ts'

export interface Author {
  id: string
  handle: string
  followers: number
  verified: boolean
  /** When the account was created (ISO-8601): only bots say it here, the way X and Bluesky report a fresh account. */
  createdAt?: string
}

const FIRST = ['lucia', 'mario', 'ana', 'javi', 'marta', 'pablo', 'sofi', 'dani', 'carla', 'nacho', 'vale', 'diego', 'irene', 'alex', 'paula', 'sergio', 'mafer', 'rodri', 'nuria', 'kike', 'ximena', 'tomas', 'laia', 'gabo', 'jess', 'mike', 'emma', 'sam']
const LAST = ['mtz', 'garcia', 'lopez', 'ruano', 'perez', 'sanz', 'ortega', 'rdz', 'mora', 'vega', 'castro', 'gil', 'ibarra', 'prieto', 'soler', 'herrera', 'nieto', 'leon', 'fdez', 'cano']
const BOT_PREFIX = ['patria', 'voz', 'info', 'real', 'libre', 'verdad']
const STYLE = ['{f}_{l}', '{f}{l}{d}', '{f}.{l}', 'soy{f}', '{f}_{d}', 'la{f}{d}', 'el_{f}', '{f}{l}']

/**
 * The notable accounts, in one table: personalities and media with millions of followers (what they post travels,
 * and the queue must rank it first), then verified accounts of middling reach (outlets, analysts, a consumer
 * association).
 */
const NOTABLE: [id: string, handle: string, followers: number][] = [
  ['demo-inf-1', 'lauramarquez_tv', 2_400_000],
  ['demo-inf-2', 'elpulsodiario', 1_800_000],
  ['demo-inf-3', 'techconpablo', 1_350_000],
  ['demo-inf-4', 'ximena.opina', 3_100_000],
  ['demo-inf-5', 'jordi_rialto', 960_000],
  ['demo-ver-1', 'noticias24h_es', 420_000],
  ['demo-ver-2', 'analistaelectoral', 86_000],
  ['demo-ver-3', 'consumidores_ya', 124_000],
  ['demo-ver-4', 'radiocentro_mx', 310_000],
  ['demo-ver-5', 'factcheck_es', 57_000],
]
const notable = (prefix: string): Author[] => NOTABLE.filter(([id]) => id.startsWith(prefix)).map(([id, handle, followers]) => ({ id, handle, followers, verified: true }))
export const INFLUENCERS = notable('demo-inf-')
export const VERIFIED = notable('demo-ver-')

export function createAuthors(c: Composer) {
  /** Ordinary account number n: the same n is always the same person (handle, reach), whenever it is drawn. */
  const ordinary = (n: number): Author => {
    const h = hashInt(n)
    const handle = STYLE[h % STYLE.length]
      .replace('{f}', FIRST[(h >>> 4) % FIRST.length])
      .replace('{l}', LAST[(h >>> 9) % LAST.length])
      .replace('{d}', String((h >>> 14) % 100))
    // Log-normal reach: median ~150, a long tail into the tens of thousands.
    const u = ((h >>> 3) % 10_000) / 10_000
    const v = ((h >>> 17) % 10_000) / 10_000
    const followers = Math.round(Math.exp(5 + 1.6 * Math.sqrt(-2 * Math.log(u + 1e-4)) * Math.cos(2 * Math.PI * v)))
    return { id: `demo-u-${n}`, handle, followers, verified: h % 401 === 0 }
  }
  /**
   * Bots: fresh accounts with digit-heavy names and no reach, the kind that runs copy-paste campaigns. Each was created
   * 1 to 20 days before now (the same bot, the same age), so the authenticity signals see young accounts.
   */
  const bot = (n: number): Author => {
    const h = hashInt(n + 900_000)
    const createdAt = new Date(Date.now() - (1 + ((h >>> 11) % 20)) * 86_400_000).toISOString()
    return { id: `demo-bot-${n}`, handle: `${BOT_PREFIX[h % BOT_PREFIX.length]}${(h >>> 3) % 100_000_000}`, followers: h % 40, verified: false, createdAt }
  }
  return {
    ordinary,
    bot,
    /** Anyone, weighted like a real feed: mostly ordinary, now and then verified or a personality. */
    any(): Author {
      const r = c.rand()
      if (r < 0.003) return c.pick(INFLUENCERS)
      if (r < 0.017) return c.pick(VERIFIED)
      if (r < 0.04) return bot(c.int(0, 2000))
      return ordinary(c.int(0, 60_000))
    },
    influencer: () => c.pick(INFLUENCERS),
    /** The brand's own care account (its @handle from the config), verified. */
    official: (handle: string): Author => ({ id: `demo-official-${handle.slice(1)}`, handle: handle.slice(1), followers: 214_000, verified: true }),
  }
}

export type Authors = ReturnType<typeof createAuthors>
