// Counts read right in both languages: "+1 más, 1 abierta" (the wall said "1 abiertas"), "+1 repost".
import { describe, expect, it } from 'vitest'
import { en } from '../src/lib/messages/en.ts'
import { es } from '../src/lib/messages/es.ts'

describe('counted messages agree in number', () => {
  it('Spanish: one open alert, one missed deadline', () => {
    expect(es.moreAlertsOpen('1', '1')).toBe('+1 más, 1 abierta')
    expect(es.moreAlertsOpen('3', '2')).toBe('+3 más, 2 abiertas')
    expect(es.openAlertsCount('1')).toBe('1 abierta — ver la franja')
    expect(es.queue.cases.slaLine(1, 1, 1)).toBe('1 abierta · 1 de alto riesgo · 1 vencida')
    expect(es.queue.cases.slaLine(940, 1, 0)).toBe('940 abiertas · 1 de alto riesgo · 0 vencidas')
  })
  it('English: one repost', () => {
    expect(en.collapsed('1')).toBe('+1 repost')
    expect(en.collapsed('12')).toBe('+12 reposts')
  })
})
