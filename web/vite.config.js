import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// A backend for `npx vite` (dev server): run `build/qinglian serve --listen 127.0.0.1:8080`.
const backend = process.env.QL_BACKEND || 'http://127.0.0.1:8080'
const proxied = ['/api', '/healthz', '/p', '/log']

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported on demand where templates use them.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: false,
    }),
  ],
  // vue-i18n feature flags: Composition API only, no devtools in production builds.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: backend, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 800,
  },
})
