import { describe, expect, it } from 'vitest'
import { coveredMonths, findDateRanges } from './dates'
import { foldAligned } from './fold'

const today = new Date('2026-11-15T00:00:00Z')
const month = (year: number, value: number) => year * 12 + value - 1

function ranges(text: string) {
  return findDateRanges(foldAligned(text), today).map((range) => ({
    written: text.slice(range.start, range.end),
    from: range.from,
    to: range.to,
  }))
}

describe('findDateRanges', () => {
  it('reads month names, numeric months and years alone', () => {
    expect(ranges('Acme, Jan 2018 - Mar 2020')).toEqual([
      { written: 'Jan 2018 - Mar 2020', from: month(2018, 1), to: month(2020, 3) },
    ])
    expect(ranges('Initech 03/2017–06/2019')).toEqual([
      { written: '03/2017–06/2019', from: month(2017, 3), to: month(2019, 6) },
    ])
    expect(ranges('2017-03 – 2019-06')).toEqual([
      { written: '2017-03 – 2019-06', from: month(2017, 3), to: month(2019, 6) },
    ])
    expect(ranges('Globex, 2014 - 2017')).toEqual([
      { written: '2014 - 2017', from: month(2014, 1), to: month(2017, 12) },
    ])
    expect(ranges('September 2012 to August 2013')).toEqual([
      { written: 'September 2012 to August 2013', from: month(2012, 9), to: month(2013, 8) },
    ])
  })

  it('runs open ranges until the injected today, in six languages', () => {
    const now = month(2026, 11)
    expect(ranges('2019 – present')[0]?.to).toBe(now)
    expect(ranges('janv. 2020 – aujourd’hui')).toEqual([
      { written: 'janv. 2020 – aujourd’hui', from: month(2020, 1), to: now },
    ])
    expect(ranges('März 2017 – heute')[0]).toEqual({ written: 'März 2017 – heute', from: month(2017, 3), to: now })
    expect(ranges('enero de 2018 – actualidad')[0]?.from).toBe(month(2018, 1))
    expect(ranges('setembro 2021 - atualmente')[0]).toMatchObject({ from: month(2021, 9), to: now })
    expect(ranges('mei 2022 – heden')[0]).toMatchObject({ from: month(2022, 5), to: now })
    expect(ranges('desde 2023 hasta la actualidad')[0]).toMatchObject({ from: month(2023, 1), to: now })
    expect(ranges('Entwickler seit 10/2015')).toEqual([{ written: 'seit 10/2015', from: month(2015, 10), to: now }])
    expect(ranges('avril 2016 à août 2016')[0]).toMatchObject({ from: month(2016, 4), to: month(2016, 8) })
  })

  it('reads full dates: ISO (JSON Resume exports), and day.month.year or day/month/year', () => {
    expect(ranges('2001-09-30 - Present')).toEqual([
      { written: '2001-09-30 - Present', from: month(2001, 9), to: month(2026, 11) },
    ])
    expect(ranges('startDate 2014-06-16 - 2019-01-31')).toEqual([
      { written: '2014-06-16 - 2019-01-31', from: month(2014, 6), to: month(2019, 1) },
    ])
    expect(ranges('01.04.2015 – 31.12.2018')).toEqual([
      { written: '01.04.2015 – 31.12.2018', from: month(2015, 4), to: month(2018, 12) },
    ])
    expect(ranges('15/03/2016 au 30/06/2020')[0]).toMatchObject({ from: month(2016, 3), to: month(2020, 6) })
    expect(ranges('Sept. 2019 – Present')[0]).toMatchObject({ from: month(2019, 9), to: month(2026, 11) })
    // A day that is not a date is not read as one.
    expect(ranges('2019-13-01 - 2020-01-01')).toEqual([])
  })

  it('leaves out what is not a past range', () => {
    expect(ranges('2000-2050 requests per second')).toEqual([])
    expect(ranges('from 2027 to 2029')).toEqual([])
    expect(ranges('2021 – 2019')).toEqual([])
    expect(ranges('13/2019 – 02/2020')).toEqual([])
    expect(ranges('Graduated in 2014; 3 to 5 engineers')).toEqual([])
    expect(ranges('ISO 27001, 1200 - 1500 customers')).toEqual([])
  })
})

describe('coveredMonths', () => {
  it('counts each month once however many ranges overlap it', () => {
    const a = { from: month(2015, 1), to: month(2018, 12) }
    const b = { from: month(2017, 1), to: month(2020, 6) }
    const c = { from: month(2022, 1), to: month(2022, 12) }
    expect(coveredMonths([a])).toBe(48)
    expect(coveredMonths([b, a])).toBe(66)
    expect(coveredMonths([a, b, c])).toBe(78)
    expect(coveredMonths([a, a])).toBe(48)
    // Adjacent ranges join without a gap or a double month.
    expect(
      coveredMonths([
        { from: month(2019, 1), to: month(2019, 6) },
        { from: month(2019, 7), to: month(2019, 12) },
      ]),
    ).toBe(12)
    expect(coveredMonths([])).toBe(0)
  })
})
