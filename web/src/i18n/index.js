import { createI18n } from 'vue-i18n'
import { computed } from 'vue'
import zhCN from './zh-CN'
import en from './en'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'

const LANG_KEY = 'ql_lang'
export const LANGS = ['zh-CN', 'en']

function initialLang() {
  const saved = localStorage.getItem(LANG_KEY)
  return LANGS.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLang(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function currentLang() {
  return i18n.global.locale.value
}

export function setLang(lang) {
  if (!LANGS.includes(lang)) return
  i18n.global.locale.value = lang
  localStorage.setItem(LANG_KEY, lang)
  document.documentElement.lang = lang
  document.title = i18n.global.t('app.title')
}

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : elZhCn))

// Bilingual records from the API carry `name_zh`/`name_en` or `label_zh`/`label_en`.
export function pick(row, base) {
  if (!row) return ''
  const en = row[`${base}_en`]
  const zh = row[`${base}_zh`]
  return currentLang() === 'en' ? en || zh || '' : zh || en || ''
}
