import { defineStore } from 'pinia'
import { regionApi } from '../api'

const KEY = 'ql_region'

function walk(nodes, fn, parents = []) {
  for (const n of nodes || []) {
    fn(n, parents)
    walk(n.children, fn, [...parents, n])
  }
}

/** The caller's region tree and the region chosen in the header, which scopes every list. */
export const useRegionStore = defineStore('region', {
  state: () => ({
    tree: [],
    selected: sessionStorage.getItem(KEY) || '',
    loaded: false,
  }),
  getters: {
    byCode: (s) => {
      const m = new Map()
      walk(s.tree, (n) => m.set(n.code, n))
      return m
    },
    /** Codes to open by default: everything above community level, so communities show. */
    openCodes: (s) => {
      const out = []
      walk(s.tree, (n) => {
        if (['city', 'district', 'street'].includes(n.level) && n.children && n.children.length) out.push(n.code)
      })
      if (!out.length) s.tree.forEach((n) => out.push(n.code))
      return out
    },
    selectedName() {
      const n = this.byCode.get(this.selected)
      return n ? n.name : ''
    },
  },
  actions: {
    async load() {
      const tree = await regionApi.tree()
      this.tree = Array.isArray(tree) ? tree : tree && Array.isArray(tree.items) ? tree.items : []
      this.loaded = true
      // A stored choice that is no longer in scope (other user, deleted region) is dropped.
      if (this.selected && !this.byCode.has(this.selected)) this.select('')
    },
    select(code) {
      this.selected = code || ''
      if (this.selected) sessionStorage.setItem(KEY, this.selected)
      else sessionStorage.removeItem(KEY)
    },
    reset() {
      this.tree = []
      this.loaded = false
      this.select('')
    },
    nameOf(code) {
      const n = this.byCode.get(code)
      return n ? n.name : code
    },
  },
})
