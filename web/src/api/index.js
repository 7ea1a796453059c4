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
