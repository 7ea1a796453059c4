import { ref, watch } from 'vue'
import { useRegionStore } from '../stores/region'
import { useAuthStore } from '../stores/auth'

/**
 * The village whose books a funds page shows: the header's region when it is a village
 * (community level), else the user's own region when that is one, else none until picked.
 * Follows the header when it changes to a village. Books are kept per village only
 * (docs/LEDGER.md), so streets are never used as the default.
 */
export function useVillage() {
  const region = useRegionStore()
  const auth = useAuthStore()
  const isVillage = (code) => {
    const n = code && region.byCode.get(code)
    return !!n && n.level === 'community'
  }
  const pick = () => {
    if (isVillage(region.selected)) return region.selected
    const own = auth.user && auth.user.region_code
    if (isVillage(own)) return own
    return ''
  }
  const village = ref(pick())
  watch(
    () => [region.selected, region.tree],
    () => {
      const next = pick()
      if (next && (!village.value || isVillage(region.selected))) village.value = next
    },
  )
  return { village, isVillage }
}
