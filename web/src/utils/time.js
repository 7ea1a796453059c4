// The API speaks UTC ISO-8601; people read Asia/Shanghai.
const TZ = 'Asia/Shanghai'
const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** "2026-11-21T08:00:00Z" → "2026-11-21 16:00:00" (Asia/Shanghai); '' for empty input. */
export function formatTime(iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

function pad(n) {
  return String(n).padStart(2, '0')
}

/**
 * A business date "YYYY-MM-DD" in Asia/Shanghai (UTC+8, no DST) → the UTC instant of its
 * start (endOfDay=false) or its last second (endOfDay=true), as "YYYY-MM-DDTHH:MM:SSZ".
 */
export function shanghaiDayToUtc(day, endOfDay = false) {
  if (!day) return ''
  const [y, m, d] = day.split('-').map(Number)
  const ms = Date.UTC(y, m - 1, d, endOfDay ? 23 : 0, endOfDay ? 59 : 0, endOfDay ? 59 : 0) - 8 * 3600 * 1000
  const t = new Date(ms)
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}Z`
  )
}

export function isFuture(iso) {
  if (!iso) return false
  const t = new Date(iso).getTime()
  return !Number.isNaN(t) && t > Date.now()
}
