import { defineStore } from 'pinia'
import { authApi } from '../api'
import { setCsrfToken } from '../api/http'

/** True when `perms` grants `need`: exact match, `*`, or a `module:*`-style prefix. */
export function grants(perms, need) {
  if (!need) return true
  // A list means any one of them (a page two roles reach through different permissions).
  if (Array.isArray(need)) return need.some((n) => grants(perms, n))
  if (!perms || !perms.length) return false
  if (perms.includes('*') || perms.includes(need)) return true
  return perms.some((p) => p.endsWith(':*') && need.startsWith(p.slice(0, -1)))
}

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    permissions: [],
    loaded: false,
  }),
  getters: {
    loggedIn: (s) => !!s.user,
  },
  actions: {
    can(perm) {
      return grants(this.permissions, perm)
    },
    async login(username, password) {
      const res = await authApi.login(username, password)
      setCsrfToken(res.csrf_token)
      this.user = res.user || null
      await this.fetchMe()
    },
    /** Reloads user, permissions and the CSRF token; false when not logged in. */
    async fetchMe() {
      try {
        const me = await authApi.me({ noAuthRedirect: true })
        this.user = me.user
        this.permissions = Array.isArray(me.permissions) ? me.permissions : []
        if (me.csrf_token) setCsrfToken(me.csrf_token)
        this.loaded = true
        return true
      } catch (e) {
        if (e.status === 401) {
          this.clear()
          return false
        }
        throw e
      }
    },
    async logout() {
      try {
        await authApi.logout()
      } catch {
        // the session is dropped on the client either way
      }
      this.clear()
    },
    clear() {
      this.user = null
      this.permissions = []
      this.loaded = false
      setCsrfToken('')
    },
  },
})
