import { describe, expect, it } from 'vitest'
import { momentMarks } from '../src/lib/moment-marks.ts'

describe('moment marks on the debate chart', () => {
  it('three moments a minute apart: numbers spread apart in order, legend items side by side in two rows, inside the plot', () => {
    // A 30-minute axis 600 px wide: a minute is 20 px, less than a number's room (22 px).
    const m = momentMarks([560, 570, 590], 40, 640, 22)
    for (let k = 1; k < 3; k++) expect(m.numberX[k] - m.numberX[k - 1]).toBeGreaterThanOrEqual(22 - 1e-9)
    expect(Math.max(...m.numberX)).toBeLessThanOrEqual(640)
    expect(m.legend.map((l) => l.row)).toEqual([0, 0, 1])
    // Items of one row never overlap and stay in the plot.
    expect(m.legend[0].x + m.legend[0].width).toBeLessThanOrEqual(m.legend[1].x)
    for (const l of m.legend) expect(l.x + l.width).toBeLessThanOrEqual(640 + 1e-9)
    expect(m.legend[2].x).toBe(40)
  })

  it('one moment: its number at its line, the whole plot width for its label', () => {
    const m = momentMarks([300], 40, 640, 22)
    expect(m.numberX).toEqual([300])
    expect(m.legend).toEqual([{ x: 40, row: 0, width: 600 }])
  })
})
