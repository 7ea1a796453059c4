import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'

/** Shows the server's `error.message` (or any thrown error) once; 401s are handled elsewhere. */
export function showError(e) {
  if (!e) return
  if (e.status === 401) return
  ElMessage({ type: 'error', message: e.message || String(e), grouping: true, showClose: true })
}

export function showSuccess(message) {
  ElMessage({ type: 'success', message, grouping: true })
}

/**
 * Form helper: `errors` is a reactive object bound to el-form-item :error. Clears it, and
 * after a failed save puts the server's message under the field it names.
 */
export function applyFieldError(errors, e, aliases = {}) {
  for (const k of Object.keys(errors)) errors[k] = ''
  if (e && e.field) {
    const key = aliases[e.field] || e.field
    if (key in errors) errors[key] = e.message
  }
}
