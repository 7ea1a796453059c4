import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { showError, showSuccess, applyFieldError } from './errors'

/**
 * A create/edit dialog around an el-form (bind `ref="formRef"`, `:model="form"`, the items'
 * `:error="fieldErrors.x"`, `dialog.visible`/`dialog.saving`).
 *
 * - `fields`: the blank form; `fieldErrors` gets the same keys.
 * - `open(values, editing)`: resets the form to `fields` plus `values`, clears the field errors,
 *   remembers the row being edited (`dialog.editing`, null when creating) and shows the dialog.
 * - `save()`: validates; then, with `dialog.saving` set, awaits `submit(form, editing)`. On success
 *   it shows `successMessage(editing)` ("saved" by default), closes the dialog and awaits
 *   `onSaved()`; on failure it puts the server's message under the field it names (`error.field`)
 *   and shows it.
 */
export function useFormDialog({ fields, submit, successMessage, onSaved }) {
  const { t } = useI18n()
  // Arrays are copied so that editing a form never changes the blank one.
  const blank = () => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]))

  const formRef = ref()
  const dialog = reactive({ visible: false, editing: null, saving: false })
  const form = reactive(blank())
  const fieldErrors = reactive(Object.fromEntries(Object.keys(fields).map((k) => [k, ''])))

  function open(values = {}, editing = null) {
    Object.assign(form, blank(), values)
    applyFieldError(fieldErrors, null)
    dialog.editing = editing
    dialog.visible = true
  }

  async function save() {
    try {
      await formRef.value.validate()
    } catch {
      return
    }
    dialog.saving = true
    applyFieldError(fieldErrors, null)
    try {
      await submit(form, dialog.editing)
      showSuccess(successMessage ? successMessage(dialog.editing) : t('common.saved'))
      dialog.visible = false
      if (onSaved) await onSaved()
    } catch (e) {
      applyFieldError(fieldErrors, e)
      showError(e)
    } finally {
      dialog.saving = false
    }
  }

  return { formRef, dialog, form, fieldErrors, open, save }
}
