import { reactive, ref, watch } from 'vue'
import { useRegionStore } from '../stores/region'
import { showError } from './errors'

/**
 * Server-side paged list: `fetcher(query)` gets {page, size, sort, ...filters, region?} and
 * returns {items, total}. `regionScoped` adds the header's region and reloads when it changes.
 */
export function usePagedList(fetcher, { filters = {}, sort = '', size = 20, regionScoped = false, regionKey = 'region' } = {}) {
  const region = useRegionStore()
  const items = ref([])
  const total = ref(0)
  const loading = ref(false)
  const state = reactive({ page: 1, size, sort })
  const initial = { ...filters }
  const query = reactive({ ...filters })
  let seq = 0

  async function load() {
    const my = ++seq
    loading.value = true
    const q = { page: state.page, size: state.size, sort: state.sort || undefined }
    for (const [k, v] of Object.entries(query)) q[k] = v
    if (regionScoped && region.selected && !q[regionKey]) q[regionKey] = region.selected
    try {
      const res = await fetcher(q)
      if (my !== seq) return
      items.value = (res && res.items) || []
      total.value = (res && res.total) || 0
    } catch (e) {
      if (my !== seq) return
      items.value = []
      total.value = 0
      showError(e)
    } finally {
      if (my === seq) loading.value = false
    }
  }

  function search() {
    state.page = 1
    return load()
  }

  function reset() {
    Object.assign(query, initial)
    state.sort = sort
    return search()
  }

  // el-table @sort-change → the API's sort param (`field` or `-field`).
  function onSortChange({ prop, order }, map = {}) {
    const field = map[prop] || prop
    state.sort = !order ? sort : order === 'descending' ? `-${field}` : field
    search()
  }

  function onPage(p) {
    state.page = p
    load()
  }

  function onSize(s) {
    state.size = s
    state.page = 1
    load()
  }

  if (regionScoped) watch(() => region.selected, search)

  return { items, total, loading, state, query, load, search, reset, onSortChange, onPage, onSize }
}
