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

/** Residents' questions and comments (居民留言): moderation and public answers. */
export const commentApi = {
  list: (query) => http.get('/disclosure/comments', query),
  approve: (id) => http.post(`/disclosure/comments/${enc(id)}/approve`),
  reject: (id, reason) => http.post(`/disclosure/comments/${enc(id)}/reject`, { reason }),
  answer: (id, answer) => http.post(`/disclosure/comments/${enc(id)}/answer`, { answer }),
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
  // The file itself is the body (no multipart); its type is checked by content on the server.
  uploadAttachment: (id, file) =>
    request('POST', `/disclosures/${enc(id)}/attachments`, {
      query: { filename: file.name },
      raw: { contentType: file.type || 'application/octet-stream', data: file },
    }),
  removeAttachment: (id, attachmentId) => http.del(`/disclosures/${enc(id)}/attachments/${enc(attachmentId)}`),
  attachmentUrl: (id, attachmentId) => `/api/v1/disclosures/${enc(id)}/attachments/${enc(attachmentId)}`,
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
  status: () => http.get('/log/status'),
  witnesses: () => http.get('/log/witnesses'),
  addWitness: (vkey) => http.post('/log/witnesses', { vkey }),
}

/** Collective assets, resources and contracts (三资·资产/资源/合同), docs/API.md. */
export const assetApi = {
  list: (query) => http.get('/ledger/assets', query),
  create: (body) => http.post('/ledger/assets', body),
  update: (id, body) => http.patch(`/ledger/assets/${enc(id)}`, body),
  get: (id) => http.get(`/ledger/assets/${enc(id)}`),
  uploadPhoto: (id, file) =>
    request('POST', `/ledger/assets/${enc(id)}/photos`, {
      query: { filename: file.name },
      raw: { contentType: file.type || 'application/octet-stream', data: file },
    }),
  resources: (query) => http.get('/ledger/resources', query),
  createResource: (body) => http.post('/ledger/resources', body),
  updateResource: (id, body) => http.patch(`/ledger/resources/${enc(id)}`, body),
  contracts: (query) => http.get('/ledger/contracts', query),
  contract: (id) => http.get(`/ledger/contracts/${enc(id)}`),
  createContract: (body) => http.post('/ledger/contracts', body),
  updateContract: (id, body) => http.patch(`/ledger/contracts/${enc(id)}`, body),
  pay: (id, body) => http.post(`/ledger/contracts/${enc(id)}/payments`, body),
  warnings: (query) => http.get('/ledger/contract-warnings', query),
  summary: (query) => http.get('/ledger/asset-summary', query),
  // kind: 'assets' | 'contracts' | 'vouchers' | 'accounts'; the file itself is the body; dryRun
  // answers a preview; options are the kind's own query parameters (accounts: opening_date).
  importFile: (kind, region, file, dryRun, options = {}) =>
    request('POST', `/ledger/${kind}/import`, {
      query: { region, dry_run: dryRun ? 'true' : undefined, ...options },
      raw: { contentType: 'application/octet-stream', data: file },
    }),
  templateUrl: (kind, format) => `/api/v1/ledger/${kind}/template?format=${format}`,
  // A list download with the page's filters (the session cookie authenticates the GET).
  exportUrl: (path, query, format) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.append(k, String(v))
    q.set('format', format)
    return `/api/v1/ledger/${path}?${q}`
  },
}

/** Funds ledger (三资·资金): chart of accounts, vouchers, periods, reports (docs/API.md). */
export const fundApi = {
  accounts: (region, includeInactive = false) =>
    http.get('/ledger/accounts', { region, include_inactive: includeInactive ? 'true' : undefined }),
  initChart: (region_code) => http.post('/ledger/accounts/init', { region_code }),
  addAccount: (body) => http.post('/ledger/accounts', body),
  updateAccount: (id, body) => http.patch(`/ledger/accounts/${enc(id)}`, body),
  removeAccount: (id) => http.del(`/ledger/accounts/${enc(id)}`),
  vouchers: (query) => http.get('/ledger/vouchers', query),
  voucher: (id) => http.get(`/ledger/vouchers/${enc(id)}`),
  createVoucher: (body) => http.post('/ledger/vouchers', body),
  updateVoucher: (id, body) => http.put(`/ledger/vouchers/${enc(id)}`, body),
  voidVoucher: (id, reason) => http.post(`/ledger/vouchers/${enc(id)}/void`, { reason }),
  reverseVoucher: (id, body) => http.post(`/ledger/vouchers/${enc(id)}/reverse`, body),
  uploadScan: (id, file) =>
    request('POST', `/ledger/vouchers/${enc(id)}/scans`, {
      query: { filename: file.name },
      raw: { contentType: file.type || 'application/octet-stream', data: file },
    }),
  scanUrl: (id, scanId) => `/api/v1/ledger/vouchers/${enc(id)}/scans/${enc(scanId)}`,
  periods: (region, year) => http.get('/ledger/periods', { region, year }),
  closePeriod: (region_code, period) => http.post('/ledger/periods/close', { region_code, period }),
  // name: balances | journal/cash | journal/bank | detail | general | income | balance-sheet | comparison
  report: (name, query) => http.get(`/ledger/${name}`, query),
}

/** Asset deals (三资交易) and the yearly stock-take (年度清查), docs/API.md. */
export const dealApi = {
  deals: (query) => http.get('/ledger/deals', query),
  deal: (id) => http.get(`/ledger/deals/${enc(id)}`),
  createDeal: (body) => http.post('/ledger/deals', body),
  // body: {action: 'complete'|'return', note, attachments, winner?, price_fen?, contract?}
  act: (id, seq, body) => http.post(`/ledger/deals/${enc(id)}/steps/${enc(seq)}`, body),
  template: (region) => http.get('/ledger/deal-template', { region }),
  inventories: (query) => http.get('/ledger/inventories', query),
  inventory: (id) => http.get(`/ledger/inventories/${enc(id)}`),
  createInventory: (body) => http.post('/ledger/inventories', body),
  items: (id, query) => http.get(`/ledger/inventories/${enc(id)}/items`, query),
  count: (id, itemId, body) => http.put(`/ledger/inventories/${enc(id)}/items/${enc(itemId)}`, body),
  addSurplus: (id, body) => http.post(`/ledger/inventories/${enc(id)}/surplus`, body),
  close: (id) => http.post(`/ledger/inventories/${enc(id)}/close`),
  report: (id) => http.get(`/ledger/inventories/${enc(id)}/report`),
  reportUrl: (id, format) => `/api/v1/ledger/inventories/${enc(id)}/report?format=${format}`,
}

/** Works projects (工程项目), the yearly check table and the term audit, docs/API.md. */
export const projectApi = {
  list: (query) => http.get('/ledger/projects', query),
  get: (id) => http.get(`/ledger/projects/${enc(id)}`),
  create: (body) => http.post('/ledger/projects', body),
  update: (id, body) => http.put(`/ledger/projects/${enc(id)}`, body),
  remove: (id) => http.del(`/ledger/projects/${enc(id)}`),
  link: (id, voucher_id) => http.post(`/ledger/projects/${enc(id)}/payments`, { voucher_id }),
  unlink: (id, voucherId) => http.del(`/ledger/projects/${enc(id)}/payments/${enc(voucherId)}`),
  check: (region, year) => http.get('/ledger/project-check', { region, year }),
  cadres: (region) => http.get('/ledger/term-audit/cadres', { region }),
  termAudit: (query) => http.get('/ledger/term-audit', query),
}

// 三图三表 (docs/POWER.md): charts as SVG/HTML URLs (the session cookie authenticates the GET),
// tables as JSON or downloads.
export const powerChartApi = {
  url: (path, query) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.append(k, String(v))
    return `/api/v1/power/charts/${path}?${q}`
  },
  risks: (query) => http.get('/power/charts/risks', query),
  audit: (query) => http.get('/power/charts/audit', query),
}

// 小微权力清单 (the catalogue and its versioned flows).
export const powerItemApi = {
  list: (query) => http.get('/power/items', query),
  init: (region) => http.post(`/power/items/init?region=${enc(region)}`),
  get: (id, query) => http.get(`/power/items/${enc(id)}`, query),
  versions: (id) => http.get(`/power/items/${enc(id)}/versions`),
  putFlow: (id, flow) => http.put(`/power/items/${enc(id)}/flow`, { flow }),
  // Routing thresholds by kind (审批路由规则); putRules sends only the kinds that change.
  rules: (region) => http.get('/power/rules', { region }),
  putRules: (region, rules) => http.put(`/power/rules?region=${enc(region)}`, { rules }),
}

// 小微权力办件 (cases, their actions) and the seal log (docs/POWER.md).
export const powerCaseApi = {
  list: (query) => http.get('/power/cases', query),
  get: (id) => http.get(`/power/cases/${enc(id)}`),
  start: (body) => http.post('/power/cases', body),
  update: (id, body) => http.patch(`/power/cases/${enc(id)}`, body),
  act: (id, body) => http.post(`/power/cases/${enc(id)}/actions`, body),
  // Case documents (办件材料): the file is the body; ?step= and ?document= say where it goes.
  uploadDocument: (id, step, document, file) =>
    request('POST', `/power/cases/${enc(id)}/documents`, {
      query: { step, document: document || undefined, filename: file.name },
      raw: { contentType: file.type || 'application/octet-stream', data: file },
    }),
  removeDocument: (id, docId) => http.del(`/power/cases/${enc(id)}/documents/${enc(docId)}`),
  documentUrl: (id, docId) => `/api/v1/power/cases/${enc(id)}/documents/${enc(docId)}`,
  route: (query) => http.get('/power/route', query),
  items: (region) => http.get('/power/items', { region, enabled: true }),
  sealUses: (query) => http.get('/power/seal-uses', query),
  recordSeal: (body) => http.post('/power/seal-uses', body),
  exportUrl: (query, format) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.append(k, String(v))
    q.set('format', format)
    return `/api/v1/power/cases?${q}`
  },
}
