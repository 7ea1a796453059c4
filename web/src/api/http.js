// Thin fetch wrapper for the Qinglian JSON API (docs/API.md).
// - the session is the HttpOnly `ql_session` cookie (credentials: 'same-origin');
// - unsafe methods carry `X-CSRF-Token` (kept in sessionStorage, refreshed by /auth/me);
// - `Accept-Language: en` when the UI is English, so server messages match the UI;
// - errors become ApiError with the server's {code, message, field};
// - a 401 anywhere sends the user back to the login page.

const CSRF_KEY = 'ql_csrf'
const BASE = '/api/v1'

let csrfToken = sessionStorage.getItem(CSRF_KEY) || ''
let languageGetter = () => 'zh-CN'
let unauthorizedHandler = () => {}

export function setCsrfToken(token) {
  csrfToken = token || ''
  if (csrfToken) sessionStorage.setItem(CSRF_KEY, csrfToken)
  else sessionStorage.removeItem(CSRF_KEY)
}

export function setLanguageGetter(fn) {
  languageGetter = fn
}

export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

export class ApiError extends Error {
  constructor(status, code, message, field, problems) {
    super(message)
    this.status = status
    this.code = code
    this.field = field || ''
    // Imports list every bad row: [{row, column, message}].
    this.problems = Array.isArray(problems) ? problems : []
  }
}

function buildQuery(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.append(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * Calls the API. `opts.query` becomes the query string (empty values dropped), `opts.body`
 * is sent as JSON, `opts.noAuthRedirect` keeps a 401 from redirecting (login, first /auth/me).
 * Resolves to the parsed JSON body (null for 204); rejects with ApiError.
 */
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json' }
  const lang = languageGetter()
  headers['Accept-Language'] = lang === 'en' ? 'en' : 'zh-CN'
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method)
  if (unsafe && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let body
  if (opts.raw !== undefined) {
    // A non-JSON body, e.g. a CSV upload: {contentType, data}.
    headers['Content-Type'] = opts.raw.contentType
    body = opts.raw.data
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res
  try {
    res = await fetch(BASE + path + buildQuery(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch (e) {
    throw new ApiError(0, 'network_error', lang === 'en' ? 'Network error' : '网络错误，请稍后重试')
  }
  if (res.status === 204) return null
  const text = await res.text()
  let data = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {}
    const message =
      err.message || (lang === 'en' ? `Request failed (HTTP ${res.status})` : `请求失败（HTTP ${res.status}）`)
    const apiErr = new ApiError(res.status, err.code || `http_${res.status}`, message, err.field, err.problems)
    if (res.status === 401 && !opts.noAuthRedirect) unauthorizedHandler(apiErr)
    throw apiErr
  }
  return data
}

export const http = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  patch: (path, body, opts = {}) => request('PATCH', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
}
