import { ref } from 'vue'
import { useI18n } from 'vue-i18n'

// The procurement_method dictionary's built-in values (schema/0010_project.sql), in its order.
const BUILTIN = ['public_tender', 'invited_tender', 'competitive_negotiation', 'inquiry', 'township_centre', 'county_centre', 'representatives_meeting', 'direct']

/**
 * Procurement methods for the project pages: the dictionary's enabled items when the user may
 * read dictionaries (a region's admin may have renamed or added some), else the built-in values
 * with the translations of prj.method.*. A project row carries its own labels
 * (procurement_method_zh/_en), which methodText prefers.
 */
export function useMethods(dictApi) {
  const { t, te, locale } = useI18n()
  const methods = ref(BUILTIN.map((value) => ({ value })))
  const methodLabel = (v) => {
    const m = methods.value.find((x) => x.value === v)
    if (m && m.label_zh) return locale.value === 'en' ? m.label_en : m.label_zh
    return te('prj.method.' + v) ? t('prj.method.' + v) : v
  }
  const methodText = (row) => (locale.value === 'en' ? row.procurement_method_en : row.procurement_method_zh) || methodLabel(row.procurement_method)
  async function loadMethods() {
    try {
      const dicts = await dictApi.list()
      const d = dicts.find((x) => x.code === 'procurement_method')
      if (d) methods.value = d.items.filter((i) => i.enabled)
    } catch {
      // no dictionary permission: the built-in values
    }
  }
  return { methods, methodLabel, methodText, loadMethods }
}
