import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { showError, showSuccess } from './errors'

/**
 * The two shapes of a list row's action, shared by the screens that moderate or publish:
 * ask, call the API, report success, reload the list; a cancelled question does nothing and
 * an API error is shown.
 *
 * - `confirmed(question, call, success)`: a yes/no confirmation, then `call()`. `success` is the
 *   message, or a function of call()'s result (e.g. to name the log index it returned).
 * - `withReason({ prompt, title, label, minLength }, call, success)`: asks for a reason (trimmed,
 *   at least `minLength` characters, 1 by default; `label` names it in the error), then
 *   `call(reason)`.
 */
export function useRowActions(reload) {
  const { t } = useI18n()

  async function run(call, success) {
    try {
      const res = await call()
      showSuccess(typeof success === 'function' ? success(res) : success)
      await reload()
    } catch (e) {
      showError(e)
    }
  }

  async function confirmed(question, call, success) {
    try {
      await ElMessageBox.confirm(question, t('common.confirmTitle'), { type: 'warning' })
    } catch {
      return
    }
    await run(call, success)
  }

  async function withReason({ prompt, title, label, minLength = 1 }, call, success) {
    let reason
    try {
      const r = await ElMessageBox.prompt(prompt, title, {
        inputValidator: (v) => (v && v.trim().length >= minLength ? true : t('common.required', { field: label })),
      })
      reason = r.value.trim()
    } catch {
      return
    }
    await run(() => call(reason), success)
  }

  return { confirmed, withReason }
}
