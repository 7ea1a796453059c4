import { ref, onMounted, onBeforeUnmount } from 'vue'

/** Reactive "is this a phone-width screen" flag (≤ 768 px). */
export function useIsMobile(limit = 768) {
  const mobile = ref(window.innerWidth <= limit)
  const update = () => {
    mobile.value = window.innerWidth <= limit
  }
  onMounted(() => window.addEventListener('resize', update))
  onBeforeUnmount(() => window.removeEventListener('resize', update))
  return mobile
}
