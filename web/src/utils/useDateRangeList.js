import { ref } from 'vue'
import { usePagedList } from './usePagedList'
import { shanghaiDayToUtc } from './time'

/**
 * usePagedList plus a day range (bind `range` to DateRange): the fetcher also gets `from`/`to`,
 * in UTC, from the start of the range's first day to the last second of its last day (Shanghai time).
 * `reset()` clears the range as well as the filters.
 */
export function useDateRangeList(fetcher, options) {
  const range = ref([])
  const list = usePagedList(
    (q) =>
      fetcher({
        ...q,
        from: range.value?.[0] ? shanghaiDayToUtc(range.value[0]) : undefined,
        to: range.value?.[1] ? shanghaiDayToUtc(range.value[1], true) : undefined,
      }),
    options,
  )

  function reset() {
    range.value = []
    return list.reset()
  }

  return { list, range, reset }
}
