import { i18n } from '../i18n'

/** The translation of an enum value (`scope.region`, `level.city`…), or the value itself when there is none. */
export function enumLabel(group, value) {
  const key = `${group}.${value}`
  return value && i18n.global.te(key) ? i18n.global.t(key) : value || ''
}

/** A role's data scope (`all`, `region_and_below`…). */
export const scopeLabel = (s) => enumLabel('scope', s)

/** A region's level (`city`, `district`…). */
export const levelLabel = (l) => enumLabel('level', l)
