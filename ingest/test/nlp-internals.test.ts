import { describe, expect, it } from 'vitest'
import { expandIds } from '../src/nlp/features.ts'
import { Featurizer } from '../src/nlp/index.ts'
import { LinearHead } from '../src/nlp/model.ts'
import { normalizeWord } from '../src/nlp/normalize.ts'
import { Scorer } from '../src/nlp/scorer.ts'
import { Tokenizer } from '../src/nlp/tokenize.ts'
import { bucket, hashString, HASH_SIZE } from '../src/nlp/hash.ts'
import { rng } from '../scripts/data.ts'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { byFirstLetter, CueIndex } from '../src/nlp/cues.ts'
import { firstChars, keyWord, segments } from '../src/nlp/cue-keys.ts'
import { classifyIntent } from '../src/nlp/intent.ts'
import { detectIrony } from '../src/nlp/irony.ts'
import { readIntentSet, readIronySet, readPosts } from '../scripts/data.ts'

describe('normalisation', () => {
  it('folds case, accents and elongations but keeps ñ', () => {
    expect(normalizeWord('BUENÍSIMOOO')).toEqual({ text: 'buenisimo', elongated: true, shout: true })
    expect(normalizeWord('año').text).toBe('año')
    expect(normalizeWord('Ok').shout).toBe(false)
  })
})

describe('tokenizer', () => {
  it('uses wink-nlp token types', () => {
    const t = new Tokenizer().tokenize('Hola @ana mira #debate https://x.co/a 😍 :)')
    expect(t.ids.map((_, i) => t.kind(i))).toEqual(['word', 'mention', 'word', 'hashtag', 'url', 'emoji', 'emoticon'])
    expect(t.ids.map((id) => t.value(id))).toEqual(['Hola', '@ana', 'mira', '#debate', 'https://x.co/a', '😍', ':)'])
  })
  it('reads the same values and kinds as wink-nlp\'s own accessors, across posts', () => {
    const nlp = winkNLP(model, [])
    const t = new Tokenizer()
    for (const text of ["I can't believe it's not butter!!", 'Qué DÍAAAS… #MalDía @metro 3 veces 😡😡', 'a.b@c.com $20 :-( ¿eh?']) {
      const toks = nlp.readDoc(text).tokens()
      t.tokenize(text)
      expect(t.ids.map((id) => t.value(id))).toEqual(toks.out())
      expect(t.ids.map((_, i) => t.kind(i))).toEqual(toks.out(nlp.its.type))
    }
  })
  it('takes wink-nlp\'s own path for plain words and word + closing mark (same tokens and kinds as readDoc)', () => {
    // Tokenizer.winkChunk answers these chunks without calling wink: every edge of its letter class and of
    // wink's processWordRP split, then the project's written posts (es/en) and the irony set, word for word.
    const edges = ['Iñaki', 'ÁRBOL', 'camión', 'año,', 'a.', 'a,', 'ok.', 'no!', 'sí?', 'why:', 'y/', 'dos…', 'her”', 'hey’', 'word"', 'end)', 'set]', 'x}', 'can,', "can't.", 'cannot', 'CANNOT!', 'Ÿes', 'naïve;', 'façade.', 'Æsir', 'smørrebrød', '×2', 'a÷b', 'e\u0301', 'word\u2060joiner', 'ß', 'straße.', 'xkcd', 'x1a2b,', 'U.S.', 'e.g.', 'mr.', 'Dr.', 'etc.', "it's.", 'don’t,']
    const texts = [edges.join(' '), ...readPosts().map((p) => p.text), ...readIronySet().map((p) => p.text)]
    const nlp = winkNLP(model, [])
    const t = new Tokenizer()
    for (const text of texts) {
      const toks = nlp.readDoc(text).tokens()
      t.tokenize(text)
      expect(t.ids.map((id) => t.value(id)), text).toEqual(toks.out())
      expect(t.ids.map((_, i) => t.kind(i)), text).toEqual(toks.out(nlp.its.type))
    }
  })
  it('reads letter-and-digit chunks as wink-nlp does (one word unless a time, ordinal, decade or currency is cut out)', () => {
    const random = rng(7)
    const alphabet = 'amphourstndUSDAGBPINRé0123456789xq'
    const chunks = ['x1a2b', 'covid19', 'mp3', 'b2b', 'x5pm', 'a10am', 'x4th', 'a21st', 'y90s', 'x1990s', 'usd5', 'USD5', 'aGBP1', 'é2', 'x2hrs', 'x3hours',
      '#Debate2026', '#1x', '#x_y', '#ñu', '#', '@ana_m', '@1', '@ñu', '@', '2024', '007', '1990s', '12th', '5pm', '#a', '@a', '1']
    // hashtags, mentions and plain numbers (tokenize.ts simpleKind)
    for (let i = 0; i < 600; i++) chunks.push('#@0'[i % 3] + Array.from({ length: 1 + (i % 6) }, (_, j) => 'aZ_9ñ1'[(i * 7 + j * 3) % 6]).join(''))
    for (let i = 0; i < 3000; i++) {
      let c = alphabet[Math.floor(random() * 23)] // starts with a letter
      const len = 1 + Math.floor(random() * 7)
      for (let j = 0; j < len; j++) c += alphabet[Math.floor(random() * alphabet.length)]
      chunks.push(c)
    }
    const nlp = winkNLP(model, [])
    const t = new Tokenizer()
    for (let i = 0; i < chunks.length; i += 50) {
      const text = chunks.slice(i, i + 50).join(' ')
      const toks = nlp.readDoc(text).tokens()
      t.tokenize(text)
      expect(t.ids.map((id) => t.value(id)), text).toEqual(toks.out())
      expect(t.ids.map((_, k) => t.kind(k)), text).toEqual(toks.out(nlp.its.type))
    }
  })
  it('keeps its unseen-token cache bounded', () => {
    const t = new Tokenizer(2000)
    for (let i = 0; i < 26_000; i++) t.tokenize(`palabra${i} otra${i}x`)
    expect(t.rebuilds).toBeGreaterThan(20)
    expect(t.unseen).toBeLessThanOrEqual(2000 + 4)
    // After a clear, ids are handed out again and still read back right.
    t.tokenize('palabra1 #hashtag')
    expect(t.ids.map((id) => t.value(id))).toEqual(['palabra1', '#hashtag'])
    expect(t.ids.map((_, i) => t.kind(i))).toEqual(['word', 'hashtag'])
  })
  it('tokenises a post the same whatever came before (wink-nlp as a fresh instance would)', () => {
    const t = new Tokenizer()
    const text = 'Tired &amp; sad... #NoMore :( https://t.co/x'
    const first = t.tokenize(text).ids.map((id) => t.value(id))
    for (const other of ['&amp', 'Tired', 'sad...', '#NoMore']) t.tokenize(other)
    expect(t.tokenize(text).ids.map((id) => t.value(id))).toEqual(first)
    expect(first).toEqual(winkNLP(model, []).readDoc(text).tokens().out())
  })
})

describe('scorer', () => {
  it('matches the plain linear heads over the expanded features', () => {
    const rand = rng(7)
    const raw = [new LinearHead(['a', 'b', 'c'], 20), new LinearHead(['x', 'y'], 20)]
    for (const h of raw) {
      for (let i = 0; i < HASH_SIZE * h.C; i += 7) h.w[i] = rand() - 0.5
      for (let i = 0; i < h.dw.length; i++) h.dw[i] = rand() - 0.5
    }
    // The scorer works on 8-bit weights, as shipped: compare against heads read back from a file.
    const heads = raw.map((h) => LinearHead.fromFile(h.toFile()))
    const f = new Featurizer()
    const scorer = new Scorer(heads)
    const outs = [new Float64Array(3), new Float64Array(2)]
    for (const text of ['no me gusta nada 😡', 'not bad at all!', 'Gran debate #debate @user https://t.co/x']) {
      for (let pass = 0; pass < 2; pass++) {
        // second pass hits the per-token cache
        const { x } = f.run(text)
        scorer.score(x, outs)
        const ids = expandIds(x)
        heads.forEach((h, k) => {
          const p = h.probs(ids, x.dense)
          for (let c = 0; c < h.C; c++) expect(outs[k][c]).toBeCloseTo(p[c], 5)
        })
      }
    }
  })
  it('round-trips weights through the file format', () => {
    const h = new LinearHead(['a', 'b'], 3)
    h.w[10] = 0.5
    h.w[11] = 0.001
    h.w[HASH_SIZE * 2 - 1] = -0.25
    h.dw[4] = 1.5
    const back = LinearHead.fromFile(JSON.parse(JSON.stringify(h.toFile())))
    expect(back.w[10]).toBeCloseTo(0.5, 2)
    expect(back.w[11]).toBe(0) // below the 8-bit step: pruned
    expect(back.w[HASH_SIZE * 2 - 1]).toBeCloseTo(-0.25, 2)
    expect(Array.from(back.dw)).toEqual(Array.from(h.dw))
  })
})

describe('cue index', () => {
  it('the cues grouped by first letter match the same texts as the written list', () => {
    const list = ['no funciona', 'no va ', 'nadie (?:me )?responde', 'sin (?:luz|agua)', '(?:me|nos) prometieron', 'mvps?', '10\\/10', 'refund(?!able)', 'x|y']
    const a = new RegExp(` (?:${list.join('|')}) `)
    const b = new RegExp(` (?:${byFirstLetter(list)}) `)
    for (const t of [' no funciona ', ' no va ', ' nadie me responde ', ' sin agua ', ' nos prometieron ', ' mvp ', ' 10/10 ', ' refundable ', ' refund ', ' y ', ' x ', ' nada ', ' no '])
      expect(b.test(t)).toBe(a.test(t))
  })
  it('splits cues at spaces outside parentheses and keys them on a rarer word', () => {
    expect(segments('(?:mi|el su) (?:reclamo|queja)')).toEqual(['(?:mi|el su)', '(?:reclamo|queja)'])
    expect(segments('no va ')).toEqual(['no', 'va'])
    expect(keyWord("does n't work")).toBe('does')
    expect(keyWord('is broken')).toBe('broken')
    expect(keyWord('(?:my|the) (?:claim|case)')).toBe('(?:claim|case)')
    expect(keyWord('cobr(?:aron|an) de mas')).toBe('cobr(?:aron|an)')
    // a later part that could span words is never a key
    expect(keyWord('llevo (?:\\S+ )?(?:dias|horas)')).toBe('llevo')
    // a leading group of whole words with a count is its own part: what follows it starts a word
    expect(keyWord('the (?:more )?nice')).toBe('nice')
    expect(keyWord('(?:submit|put in) (?:a|my) (?:\\S+ ){0,2}claim')).toBe('claim')
    // a lookaround matches no characters: a space inside one does not make its part span words
    expect(keyWord('should(?! (?:i|we) )')).toBe('should')
    // between function words of one length, not the negator
    expect(keyWord('no va ')).toBe('va')
    // the longest prefix wins: a one-letter key would wake the list for every word starting with it
    expect(keyWord('voy a denunciar')).toBe('denunciar')
    expect(keyWord('what a surprise')).toBe('surprise')
    // an optional part may match no word: never a key
    expect(keyWord('i want (?:a|my)? refund')).toBe('refund')
    expect(keyWord('refund (?:please)?')).toBe('refund')
  })
  it('masks only the lists a word can start, and skips the others', () => {
    const idx = new CueIndex()
    const a = idx.add(['no funciona', 'pesim'])
    const b = idx.add(['refund', 'money back'])
    expect(idx.mask('pesimo')).toBe(1)
    expect(idx.mask('money')).toBe(2)
    expect(idx.mask('hola')).toBe(0)
    expect(a.test(' es pesimo ', 1)).toBe(true)
    expect(a.test(' es pesimo ', 2)).toBe(false)
    expect(b.test(' my money back ', 2)).toBe(true)
  })
  it('knows which letters a key can start with, and says so when it cannot tell', () => {
    expect(firstChars('pesim')).toEqual(['p'])
    expect(firstChars('(?:claim|case)')).toEqual(['c', 'c'])
    expect(firstChars('(?:re)?clam')).toEqual([null])
    expect(firstChars('a?bc')).toEqual([null])
    expect(firstChars('estupend[oa]')).toEqual(['e'])
    expect(firstChars('\\$')).toEqual([null])
    expect(firstChars('[ae]bc')).toEqual([null])
    const idx = new CueIndex()
    idx.add(['(?:re)?clam'])
    expect(idx.mask('clamo')).toBe(1)
  })
  it('a list whose first word could span a space is always run', () => {
    const idx = new CueIndex()
    idx.add(['.*malo'])
    expect(idx.mask('hola')).toBe(1)
  })
  it('masked rules give the same intent, nature and irony as running every rule', () => {
    const f = new Featurizer()
    const texts = [...readIntentSet().map((e) => e.text), 'Genial, otra vez sin luz 🙃', 'Oh great, thanks for nothing', 'how do I reset it', 'Empieza el debate']
    let skipped = 0
    for (const text of texts) {
      const { x } = f.run(text)
      const joined = ` ${x.words.join(' ')} `
      const cut = x.cues === 0 ? ' ' : joined
      for (const [label, score] of [['negative', -0.6], ['neutral', 0], ['positive', 0.6]] as const) {
        expect(classifyIntent(cut, false, label, score, x.cues)).toEqual(classifyIntent(joined, false, label, score))
      }
      expect(detectIrony(cut, text, 1, x.cues)).toBe(detectIrony(joined, text, 1))
      // lists whose regex the mask lets the rules skip for this post (13 lists: see cues.ts)
      for (let b = 0; b < 13; b++) if ((x.cues & (1 << b)) === 0) skipped++
    }
    // The point of the mask: most lists are skipped for a typical post.
    expect(skipped / texts.length).toBeGreaterThan(6)
  })
})

describe('features', () => {
  it('a camelCase hashtag also carries its words; a one-word hashtag does not', () => {
    const f = new Featurizer()
    const ids = (t: string) => expandIds(f.run(t).x)
    expect(ids('#NoMeGusta')).toEqual(expect.arrayContaining(['no', 'me', 'gusta'].map((w) => bucket(hashString(w)))))
    expect(ids('#nomegusta')).not.toContain(bucket(hashString('gusta')))
  })
  it('a negated word swaps its unigram but keeps its char n-grams', () => {
    const f = new Featurizer()
    const plain = expandIds(f.run('good').x)
    const negated = expandIds(f.run('not good').x)
    expect(negated).not.toContain(bucket(hashString('good')))
    expect(plain).toContain(bucket(hashString('good')))
    expect(negated.filter((id) => plain.includes(id)).length).toBeGreaterThan(5)
  })
  it('negates after escaped or apostrophe-less contractions, and an escaped comma ends the scope', () => {
    const f = new Featurizer()
    const negs = (t: string) => { const { x } = f.run(t, 'en'); return x.toks.map((k, i) => (x.negs[i] ? '~' : '') + k.norm).join(' ') }
    // UMSAB posts spell the apostrophe and the comma as literal "\u2019" / "\u002c" escapes.
    expect(negs('I don\\u2019t like it')).toContain('~like')
    expect(negs('i dont like it')).toContain('~like')
    expect(negs('not here\\u002c good')).toContain(' good')
    expect(f.run('I won\\u2019t go', 'en').x.lexScore).toBe(0) // "won" is not a win here
  })
})
