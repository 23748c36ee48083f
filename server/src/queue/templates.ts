/**
 * Answer templates per nature and language: the text the queue page puts in the answer note, for the operator to
 * edit before sending. `queue.templates` in config/pulso.yaml overrides any of them (docs/queue.md). `{handle}` is
 * replaced by the author's handle, `{entity}` by the entity's name.
 */
import { z } from 'zod'
import { NATURES, type AnswerTemplates } from '@pulso/types'

export const DEFAULT_TEMPLATES: AnswerTemplates = {
  safety: {
    es: 'Hola {handle}, esto es prioritario para {entity}. Por tu seguridad, desconecta el equipo y no lo uses. Te escribimos por mensaje privado ahora mismo para resolverlo.',
    en: 'Hi {handle}, this is a priority for {entity}. For your safety, unplug the device and do not use it. We are messaging you privately right now to sort it out.',
  },
  product_failure: {
    es: 'Hola {handle}, sentimos el fallo. Ya lo estamos revisando; ¿nos escribes por mensaje privado con tu número de cliente para ayudarte?',
    en: 'Hi {handle}, sorry about the fault. We are looking into it; could you message us privately with your customer number so we can help?',
  },
  performance: {
    es: 'Hola {handle}, gracias por avisar. Estamos revisando el servicio en tu zona y te contamos en cuanto esté normalizado.',
    en: 'Hi {handle}, thanks for letting us know. We are checking the service in your area and will update you as soon as it is back to normal.',
  },
  price: {
    es: 'Hola {handle}, entendemos tu molestia con el precio. Escríbenos por privado y revisamos tu factura y las opciones que tienes.',
    en: 'Hi {handle}, we understand your concern about the price. Message us privately and we will go through your bill and your options.',
  },
  after_sales: {
    es: 'Hola {handle}, disculpa la espera. Escríbenos por privado con tu caso y un compañero lo sigue personalmente.',
    en: 'Hi {handle}, sorry for the wait. Message us privately with your case and a colleague will follow it up personally.',
  },
  claims_handling: {
    es: 'Hola {handle}, hemos registrado tu reclamación. Te escribimos por privado con el número de caso y los próximos pasos.',
    en: 'Hi {handle}, we have logged your claim. We are messaging you privately with the case number and the next steps.',
  },
  default: {
    es: 'Hola {handle}, gracias por escribirnos. Te respondemos por mensaje privado para ayudarte.',
    en: 'Hi {handle}, thanks for reaching out. We are replying by private message to help you.',
  },
}

const text = z.string().trim().min(1).max(2000)
const pair = z.strictObject({ es: text, en: text }).partial()
/** `queue.templates`: any nature (or `default`), either language; the rest keep their defaults. */
export const templatesSchema = z.strictObject(Object.fromEntries([...NATURES, 'default'].map((k) => [k, pair.optional()])) as Record<keyof AnswerTemplates, z.ZodOptional<typeof pair>>)

export function resolveTemplates(t: z.infer<typeof templatesSchema> = {}): AnswerTemplates {
  const out = { ...DEFAULT_TEMPLATES }
  for (const k of Object.keys(out) as (keyof AnswerTemplates)[]) out[k] = { ...DEFAULT_TEMPLATES[k], ...t[k] }
  return out
}
