// One function per endpoint of docs/API.md used by the admin pages.
import { http, request } from './http'

const enc = encodeURIComponent

export const authApi = {
  login: (username, password) =>
    http.post('/auth/login', { username, password }, { noAuthRedirect: true }),
  logout: () => http.post('/auth/logout', undefined, { noAuthRedirect: true }),
  me: (opts = {}) => http.get('/auth/me', undefined, opts),
  changePassword: (old_password, new_password) =>
    http.post('/auth/password', { old_password, new_password }),
}

export const regionApi = {
  tree: () => http.get('/regions/tree'),
  list: (query) => http.get('/regions', query),
  get: (code) => http.get(`/regions/${enc(code)}`),
  create: (body) => http.post('/regions', body),
  update: (code, body) => http.patch(`/regions/${enc(code)}`, body),
  remove: (code) => http.del(`/regions/${enc(code)}`),
  importCsv: (text) =>
    request('POST', '/regions/import', { raw: { contentType: 'text/csv; charset=utf-8', data: text } }),
}

export const userApi = {
  list: (query) => http.get('/users', query),
  get: (id) => http.get(`/users/${enc(id)}`),
  create: (body) => http.post('/users', body),
  update: (id, body) => http.patch(`/users/${enc(id)}`, body),
  resetPassword: (id, password) => http.post(`/users/${enc(id)}/password`, { password }),
  unlock: (id) => http.post(`/users/${enc(id)}/unlock`),
}

export const roleApi = {
  list: () => http.get('/roles'),
  create: (body) => http.post('/roles', body),
  update: (code, body) => http.patch(`/roles/${enc(code)}`, body),
  permissions: () => http.get('/permissions'),
}

export const dictApi = {
  list: () => http.get('/dicts'),
  create: (body) => http.post('/dicts', body),
  addItem: (code, body) => http.post(`/dicts/${enc(code)}/items`, body),
  updateItem: (code, value, body) => http.patch(`/dicts/${enc(code)}/items/${enc(value)}`, body),
}

export const logApi = {
  oplog: (query) => http.get('/oplog', query),
  loginlog: (query) => http.get('/loginlog', query),
}

export const disclosureApi = {
  list: (query) => http.get('/disclosures', query),
  get: (id) => http.get(`/disclosures/${enc(id)}`),
  create: (body) => http.post('/disclosures', body),
  update: (id, body) => http.patch(`/disclosures/${enc(id)}`, body),
  remove: (id) => http.del(`/disclosures/${enc(id)}`),
  publish: (id) => http.post(`/disclosures/${enc(id)}/publish`),
  correct: (id, body) => http.post(`/disclosures/${enc(id)}/correct`, body),
  withdraw: (id, reason) => http.post(`/disclosures/${enc(id)}/withdraw`, { reason }),
}

export const catalogApi = {
  defaultCatalog: () => http.get('/disclosure/default-catalog'),
  list: (query) => http.get('/disclosure/catalogs', query),
  get: (id) => http.get(`/disclosure/catalogs/${enc(id)}`),
  create: (body) => http.post('/disclosure/catalogs', body),
  adopt: (body) => http.post('/disclosure/catalogs/adopt', body),
  addItem: (id, body) => http.post(`/disclosure/catalogs/${enc(id)}/items`, body),
  updateItem: (id, code, body) => http.patch(`/disclosure/catalogs/${enc(id)}/items/${enc(code)}`, body),
  removeItem: (id, code) => http.del(`/disclosure/catalogs/${enc(id)}/items/${enc(code)}`),
  overdue: (query) => http.get('/disclosure/overdue', query),
  dashboard: (query) => http.get('/disclosure/dashboard', query),
}

/** The public publication log (outside /api/v1, plain text). */
async function logText(path) {
  const res = await fetch(path, { credentials: 'same-origin' })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return res.text()
}
export const pubLogApi = {
  checkpoint: () => logText('/log/checkpoint'),
  key: () => logText('/log/key'),
  entry: (i) => logText(`/log/entries/${enc(i)}`),
  verify: () => http.post('/log/verify'),
}
