import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { i18n, currentLang, setLang } from './i18n'
import { setLanguageGetter, onUnauthorized } from './api/http'
import { useAuthStore } from './stores/auth'
import { useRegionStore } from './stores/region'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router)

setLanguageGetter(currentLang)
setLang(currentLang())

let redirecting = false
onUnauthorized(() => {
  // The session cookie expired or was revoked: forget the user and ask for a new login.
  useAuthStore().clear()
  useRegionStore().reset()
  const cur = router.currentRoute.value
  if (cur.name === 'login' || redirecting) return
  redirecting = true
  ElMessage({ type: 'warning', message: i18n.global.t('common.sessionExpired'), grouping: true })
  router.push({ name: 'login', query: { redirect: cur.fullPath } }).finally(() => {
    redirecting = false
  })
})

app.mount('#app')
