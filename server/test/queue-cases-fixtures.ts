/**
 * Texts for the case tests, written for them: one complaint retold 500 ways (openers, stretched letters, typos,
 * emoji, hashtags, handles, links, es/en order changes) and 50 complaints that each say something else.
 */
import type { PostInput } from '@pulso/types'
import { post } from './helpers.ts'

export const BASE = 'El router de Ondanet se calienta muchísimo y huele a quemado, me da miedo'
const OPENERS = ['', 'Otra vez: ', 'Qué fuerte, ', 'Buenas, ', 'Ojo que ', 'Hola @ondanet_ayuda ', 'Socorro, ', 'En serio, ', 'Vaya tela: ', 'Madre mía, ']
const TAILS = ['', ' 😨', ' 😡😡', ' #OndanetCaido', ' !!!', ' ¿alguien más?', ' https://t.co/x1', ' 🔥🔥🔥', ' #ondanetfibra 😤', ' de verdad']
const STRETCH: [RegExp, string][] = [[/muchísimo/, 'muchísiiiimo'], [/miedo/, 'miedoooo'], [/quemado/, 'quemadoooo'], [/calienta/, 'calientaaa']]
const TYPOS: [RegExp, string][] = [[/router/, 'ruter'], [/huele/, 'uele'], [/calienta/, 'calenta'], [/muchísimo/, 'muchisimo']]

/** Variant k of the base complaint: deterministic, and most variants differ from each other. */
export function nearDuplicate(k: number): string {
  let t = BASE
  if (k % 3 === 1) t = t.replace(STRETCH[k % STRETCH.length][0], STRETCH[k % STRETCH.length][1])
  if (k % 4 === 2) t = t.replace(TYPOS[(k >> 2) % TYPOS.length][0], TYPOS[(k >> 2) % TYPOS.length][1])
  if (k % 5 === 3) t = t.replace('me da miedo', 'me da mucho miedo')
  if (k % 7 === 4) t = t.replace('El router', 'Mi router')
  const day = k % 6 === 5 ? ` Día ${(k % 17) + 2} sin solución.` : ''
  return `${OPENERS[k % OPENERS.length]}${t}${day}${TAILS[Math.floor(k / OPENERS.length) % TAILS.length]}${k % 11 === 0 ? ` #${k}` : ''}`
}

// A complaint cue each (the analyser queues complaints by their wording), cycled so no two neighbours share one.
const CUES = ['es inaceptable', 'this is unacceptable', 'estoy harto', 'ridiculous', 'qué vergüenza', 'useless', 'pésimo servicio', 'fed up']
export const DISTINCT = [
  'Ondanet me ha cobrado dos veces la factura de octubre y nadie me lo devuelve',
  'Llevo tres semanas esperando al técnico de Ondanet para instalar la fibra',
  'Ondanet, la app se cierra sola cada vez que intento pagar',
  'El servicio de atención de Ondanet me colgó el teléfono cuatro veces',
  'Ondanet no funciona la televisión desde el domingo, pantalla negra',
  'Me cambiaron la tarifa de Ondanet sin avisar y ahora pago veinte euros más',
  'Ondanet your support chat keeps disconnecting before anyone answers',
  'The Ondanet modem keeps rebooting every night around midnight',
  'Ondanet charged my card after I cancelled the contract in June',
  'Ondanet: la cobertura móvil en el pueblo es inexistente, cero rayas',
  'El portal de clientes de Ondanet da error al descargar las facturas',
  'Ondanet, el repartidor dejó el decodificador mojado en la puerta',
  'Pedí la portabilidad a Ondanet hace un mes y sigo sin número',
  'Ondanet me bloquea las llamadas internacionales sin motivo',
  'Ondanet upload speed is a joke, ten megabits on a gigabit plan',
  'Ondanet sent me someone else’s invoice with their address on it',
  'El contestador de Ondanet me manda de un menú a otro sin salida',
  'Ondanet cortó la línea de mi madre de ochenta años por un error suyo',
  'La permanencia de Ondanet es abusiva, quieren cobrarme trescientos por irme',
  'Ondanet el wifi desaparece cuando enciendo el microondas',
  'Ondanet please stop calling me with sales offers every single day',
  'Me llegó una penalización de Ondanet por una baja que nunca pedí',
  'Ondanet el streaming de fútbol se congela justo en los goles',
  'El instalador de Ondanet rompió la pared y se fue sin arreglarla',
  'Ondanet roaming charges in Portugal were ten times what they promised',
  'La tienda de Ondanet del centro cerró y no atienden en ninguna otra',
  'Ondanet perdió mi reclamación del mes pasado, tengo el justificante',
  'Ondanet el correo electrónico rechaza todos los adjuntos grandes',
  'Ondanet the parental controls reset themselves after every update',
  'Ondanet me obliga a alquilar un router cuando tengo el mío propio',
  'El precio de Ondanet subió por tercera vez este año, vergonzoso',
  'Ondanet my landline has a constant buzzing noise since the storm, nobody helps',
  'Ondanet la línea fija suena con interferencias desde la tormenta',
  'Ondanet no me deja cambiar el titular del contrato tras la herencia',
  'La factura electrónica de Ondanet llega en blanco, sin importes',
  'Ondanet bloqueó mi tarjeta SIM por supuesto fraude y no la activan',
  'Ondanet, los canales infantiles desaparecieron del paquete familiar',
  'Ondanet customer service transferred me six times and then hung up',
  'Ondanet el ping para jugar online pasa de veinte a trescientos',
  'Solicité el certificado de retenciones a Ondanet y nadie contesta',
  'Ondanet the installer never showed up and I took a day off work',
  'Ondanet sigue usando mis datos para publicidad aunque me di de baja',
  'La alarma de casa de Ondanet salta sola de madrugada',
  'Ondanet me cobró una llamada a un número premium que nunca marqué',
  'Ondanet los datos móviles se agotan en dos días sin usar nada',
  'El seguro de móvil de Ondanet rechazó la pantalla rota sin explicación',
  'Ondanet my email account was suspended for no reason at all',
  'Ondanet la velocidad contratada nunca llega a la mitad de lo prometido',
  'Ondanet, el código de descuento de la promoción no funciona',
  'Ondanet el técnico pidió dinero en efectivo por una avería en garantía',
].map((t, i) => `${t}, ${CUES[i % CUES.length]}`)

/** Posts for the texts, minutes apart inside the queue window, with an author each. */
export function complaints(texts: string[], prefix: string, startMin = 60): PostInput[] {
  return texts.map((text, i) =>
    post({ id: `${prefix}-${i}`, source: 'test', text, createdAt: new Date(Date.now() - (startMin - (i * startMin) / texts.length) * 60_000).toISOString(), author: { id: `${prefix}-a${i}`, handle: `${prefix}${i}`, followers: 50 + ((i * 37) % 5000) } }),
  )
}
