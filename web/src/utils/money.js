// Money and areas as people type them, to and from the API's integers: fen (分) for money,
// thousandths of the unit for areas. Parsing is exact (string arithmetic, no floats), and a
// value with too many decimals is refused rather than rounded.

function toScaled(text, decimals) {
  const s = String(text ?? '').trim().replace(/[,，\s]/g, '')
  const m = new RegExp(`^(\\d+)(?:\\.(\\d{1,${decimals}}))?$`).exec(s)
  if (!m) return null
  const frac = (m[2] || '').padEnd(decimals, '0')
  return Number(m[1]) * 10 ** decimals + Number(frac || 0)
}

/** "1,234.5" → 123450 fen; null when not a non-negative amount with at most 2 decimals. */
export const yuanToFen = (text) => toScaled(text, 2)
/** 123450 → "1,234.50". */
export function fenToYuan(fen) {
  if (fen === null || fen === undefined) return ''
  const neg = fen < 0
  const a = Math.abs(fen)
  const whole = Math.floor(a / 100).toLocaleString('en-US')
  return `${neg ? '-' : ''}${whole}.${String(a % 100).padStart(2, '0')}`
}
/** "12.5" → 12500 thousandths; null when invalid. */
export const unitsToMilli = (text) => toScaled(text, 3)
/** 12500 → "12.5". */
export function milliToUnits(milli) {
  if (milli === null || milli === undefined) return ''
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '')
  return `${Math.floor(milli / 1000)}${frac ? '.' + frac : ''}`
}
