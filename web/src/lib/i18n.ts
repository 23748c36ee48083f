/** UI strings (Spanish and English) and per-locale number / time formatting. */
import type { Alert, Emotion, SentimentLabel } from '@pulso/types'
import { NO_TIME, validTime } from './time.ts'

export type UiLang = 'es' | 'en'

const en = {
  live: 'LIVE',
  offline: 'OFFLINE',
  connecting: 'CONNECTING…',
  reconnecting: 'reconnecting…',
  offlineNote: 'Connection lost — figures are frozen',
  demo: 'DEMO DATA',
  dataAge: (n: string) => `data ${n} s old`,
  dataAgeMin: (n: string) => `data ${n} min old`,
  noData: 'no data yet',
  waiting: 'Waiting for the live feed…',
  perSecond: 'posts/s',
  authors: 'authors',
  sentiment: 'Sentiment',
  emotion: 'Emotion',
  trendUp: 'rising',
  trendDown: 'falling',
  trendFlat: 'steady',
  volumeChart: 'Volume per second · last 10 min',
  emotionStream: 'Emotion stream · last 10 min',
  shareOfVoice: 'Share of voice · last minute',
  alerts: 'Alerts',
  noAlerts: 'No open alerts',
  noAlertsYet: 'No alerts yet',
  acknowledge: 'Acknowledge',
  falsePositive: 'False positive',
  observed: 'observed',
  expected: 'expected',
  severity: 'SEV',
  board: 'Board',
  all: 'All',
  download: 'Download',
  none: 'none',
  ago: (n: string) => `${n} ago`,
  status: { open: 'open', acknowledged: 'acknowledged', false_positive: 'false positive' } as Record<Alert['status'], string>,
  emotions: { anger: 'anger', disgust: 'disgust', fear: 'fear', joy: 'joy', sadness: 'sadness', surprise: 'surprise' } as Record<Emotion, string>,
  sentiments: { negative: 'negative', neutral: 'neutral', positive: 'positive' } as Record<SentimentLabel, string>,
  metrics: { volume: 'volume', authors: 'unique authors', negative_share: 'negative share', emotion: 'emotion' } as Record<string, string>,
  boards: { debate: 'Debate', brand: 'Brand crisis' } as Record<string, string>,
  replay: 'REPLAY',
  paused: 'paused',
  play: 'Play',
  pause: 'Pause',
  speed: 'Speed',
  backToLive: 'Back to live',
  back10: '−10 s',
  fwd10: '+10 s',
  replayAt: 'Replay time',
  thisSecond: 'this second',
  share: 'Share link',
  copied: 'Link copied',
  moments: 'Moments · reaction',
  noMoments: 'No moments marked',
  markMoment: 'Mark a moment',
  momentLabel: 'What happened?',
  mark: 'Mark',
  cancel: 'Cancel',
  adminOnly: 'Marking moments needs the admin token',
  hotkeys: 'm: mark a moment · space: play/pause · ←/→: 10 s · l: live',
  before: 'before',
  after: 'after',
  reactionSpan: (n: string) => `${n} min after vs ${n} min before`,
  running: 'still running',
  posts: 'posts',
  net: 'net',
  topPosts: 'Top posts · 10 min',
  noPosts: 'No posts yet',
  reposts: 'reposts',
  collapsed: (n: string) => `+${n} reposts`,
  followers: 'followers',
  risingTerms: 'Rising · 5 min vs 1 h',
  noRising: 'Nothing rising',
  netSentiment: 'Net sentiment per minute · 30 min',
  emotionMix: 'Emotion mix per minute',
  debate: 'Debate',
  control: 'Control',
  entities: 'Entities',
  boardsTitle: 'Boards',
  standardLayout: 'standard',
  debateLayout: 'debate',
  token: 'Token',
  delete: 'Delete',
  at: 'at',
  readOnly: 'read-only: edit config/pulso.yaml and restart',
  saved: 'Saved',
}
export type Messages = typeof en

const es: Messages = {
  live: 'EN VIVO',
  offline: 'SIN CONEXIÓN',
  connecting: 'CONECTANDO…',
  reconnecting: 'reconectando…',
  offlineNote: 'Conexión perdida — cifras congeladas',
  demo: 'DATOS DE DEMOSTRACIÓN',
  dataAge: (n) => `datos de hace ${n} s`,
  dataAgeMin: (n) => `datos de hace ${n} min`,
  noData: 'sin datos aún',
  waiting: 'Esperando la señal en vivo…',
  perSecond: 'posts/s',
  authors: 'autores',
  sentiment: 'Sentimiento',
  emotion: 'Emoción',
  trendUp: 'sube',
  trendDown: 'baja',
  trendFlat: 'estable',
  volumeChart: 'Volumen por segundo · últimos 10 min',
  emotionStream: 'Flujo de emociones · últimos 10 min',
  shareOfVoice: 'Cuota de voz · último minuto',
  alerts: 'Alertas',
  noAlerts: 'Sin alertas abiertas',
  noAlertsYet: 'Aún no hay alertas',
  acknowledge: 'Reconocer',
  falsePositive: 'Falso positivo',
  observed: 'observado',
  expected: 'esperado',
  severity: 'SEV',
  board: 'Tablero',
  all: 'Todo',
  download: 'Descargar',
  none: 'ninguna',
  ago: (n) => `hace ${n}`,
  status: { open: 'abierta', acknowledged: 'reconocida', false_positive: 'falso positivo' },
  emotions: { anger: 'ira', disgust: 'asco', fear: 'miedo', joy: 'alegría', sadness: 'tristeza', surprise: 'sorpresa' },
  sentiments: { negative: 'negativo', neutral: 'neutral', positive: 'positivo' },
  metrics: { volume: 'volumen', authors: 'autores únicos', negative_share: 'proporción negativa', emotion: 'emoción' },
  boards: { debate: 'Debate', brand: 'Crisis de marca' },
  replay: 'REPETICIÓN',
  paused: 'en pausa',
  play: 'Reproducir',
  pause: 'Pausa',
  speed: 'Velocidad',
  backToLive: 'Volver al directo',
  back10: '−10 s',
  fwd10: '+10 s',
  replayAt: 'Hora de la repetición',
  thisSecond: 'este segundo',
  share: 'Enlace para compartir',
  copied: 'Enlace copiado',
  moments: 'Momentos · reacción',
  noMoments: 'Sin momentos marcados',
  markMoment: 'Marcar un momento',
  momentLabel: '¿Qué ha pasado?',
  mark: 'Marcar',
  cancel: 'Cancelar',
  adminOnly: 'Marcar momentos requiere el token de administración',
  hotkeys: 'm: marcar momento · espacio: reproducir/pausa · ←/→: 10 s · l: directo',
  before: 'antes',
  after: 'después',
  reactionSpan: (n) => `${n} min después vs ${n} min antes`,
  running: 'en curso',
  posts: 'posts',
  net: 'neto',
  topPosts: 'Posts destacados · 10 min',
  noPosts: 'Aún no hay posts',
  reposts: 'reposts',
  collapsed: (n) => `+${n} reposts`,
  followers: 'seguidores',
  risingTerms: 'En alza · 5 min vs 1 h',
  noRising: 'Nada en alza',
  netSentiment: 'Sentimiento neto por minuto · 30 min',
  emotionMix: 'Mezcla de emociones por minuto',
  debate: 'Debate',
  control: 'Control',
  entities: 'Entidades',
  boardsTitle: 'Tableros',
  standardLayout: 'estándar',
  debateLayout: 'debate',
  token: 'Token',
  delete: 'Borrar',
  at: 'a las',
  readOnly: 'solo lectura: editar config/pulso.yaml y reiniciar',
  saved: 'Guardado',
}

export const MESSAGES: Record<UiLang, Messages> = { en, es }

/** `?lang=` wins; otherwise the first browser language that is Spanish or English; default English. */
export function pickLang(param: string | null, browser: readonly string[]): UiLang {
  if (param === 'es' || param === 'en') return param
  for (const l of browser) {
    const base = l.toLowerCase().slice(0, 2)
    if (base === 'es' || base === 'en') return base
  }
  return 'en'
}

/** A human label for an alert metric: 'emotion:anger' → 'emotion: anger' in the UI language. */
export function metricLabel(m: Messages, metric: string): string {
  const [base, sub] = metric.split(':')
  const label = m.metrics[base] ?? base
  if (!sub) return label
  return `${label}: ${m.emotions[sub as Emotion] ?? sub}`
}

/** "data 12 s old", switching to minutes from 2 minutes on so the text keeps its width. */
export function ageText(m: Messages, fmt: Formatters, age: number | null): string {
  if (age === null) return m.noData
  return age < 120 ? m.dataAge(fmt.int(age)) : m.dataAgeMin(fmt.int(Math.floor(age / 60)))
}

export function boardLabel(m: Messages, group: string): string {
  return m.boards[group] ?? group.charAt(0).toUpperCase() + group.slice(1)
}

export function sentimentWord(m: Messages, score: number): string {
  // ±0.1 is the band the room reads as "neutral"; beyond it the needle has a clear side.
  return m.sentiments[score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral']
}

export interface Formatters {
  fixed(n: number, digits: number): string
  int(n: number): string
  signed(n: number, digits: number): string
  percent(share: number): string
  /** A rate in at most ~5 characters: 7.5, 123, 12.3k — the card's big number keeps its width. */
  rate(n: number): string
  /** A count in at most ~5 characters: 9,999 then 19.5k. */
  count(n: number): string
  /** Hours, minutes and seconds; a dash for an absurd time (see time.ts). */
  clock(ms: number): string
  /** Hours and minutes, for chart axes. */
  hm(ms: number): string
}

export function formatters(lang: UiLang): Formatters {
  const locale = lang === 'es' ? 'es-ES' : 'en-US'
  const cache = new Map<string, Intl.NumberFormat>()
  const nf = (key: string, opts: Intl.NumberFormatOptions) => {
    let f = cache.get(key)
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)))
    return f
  }
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
  const hm = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
  return {
    fixed: (n, d) => nf(`f${d}`, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true }).format(n),
    // es-ES groups only from 5 digits by default; 'always' keeps 1.234 and 12.345 consistent on the wall.
    int: (n) => nf('i', { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions).format(n),
    signed: (n, d) => nf(`s${d}`, { minimumFractionDigits: d, maximumFractionDigits: d, signDisplay: 'exceptZero' }).format(n),
    percent: (s) => nf('p', { style: 'percent', maximumFractionDigits: 0 }).format(s),
    rate: (n) =>
      n < 99.95
        ? nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)
        : n < 9999.5
          ? nf('r0', { maximumFractionDigits: 0, useGrouping: false }).format(n)
          : `${nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1000)}k`,
    count: (n) =>
      n < 9999.5
        ? nf('i', { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions).format(n)
        : `${nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1000)}k`,
    clock: (ms) => (validTime(ms) ? time.format(ms) : NO_TIME),
    hm: (ms) => (validTime(ms) ? hm.format(ms) : NO_TIME),
  }
}
