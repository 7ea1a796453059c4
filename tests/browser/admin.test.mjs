// The administrator's walk through every system page, on the real server and web app.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import {
  input, rows, columnTexts, waitRows, waitLoaded, login, loginOk, selectOption, selectTreeNode,
  message, apiFromPage, clickMenu, menuTexts,
} from './lib/ui.mjs'

const SYSTEM_PAGES = ['用户管理', '角色权限', '行政区划', '数据字典', '操作日志', '登录日志']
const NEW_USER = 'test.clerk1'

describe('admin in the browser', () => {
  let srv, b, page

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('logs in through the login form and sees all six system pages', async () => {
    await page.goto(`${srv.base}/`)
    // Not logged in: the router sends us to the login page.
    await page.waitForURL(/\/login/)
    await assert.doesNotReject(page.locator('[data-test="login-product"]', { hasText: '清廉村居·清廉社区 监督平台' }).waitFor())
    await shot(page, 'admin-01-login')

    const me = await loginOk(page, srv.base, srv.creds, 'admin')
    assert.equal(me.user.username, 'admin')
    assert.ok(me.permissions.includes('*'), 'admin has *')
    assert.ok(me.csrf_token, '/auth/me returns a csrf token')

    await assert.doesNotReject(page.locator('[data-test="brand"]', { hasText: '清廉村居·清廉社区 监督平台' }).waitFor())
    await assert.doesNotReject(page.locator('[data-test="current-user"]', { hasText: me.user.display_name }).waitFor())
    const menu = await menuTexts(page)
    for (const p of SYSTEM_PAGES) assert.ok(menu.includes(p), `menu has ${p}: ${menu.join(',')}`)
    assert.ok(menu.includes('首页'))

    // Home figures are the API totals, not constants.
    const users = await apiFromPage(page, '/api/v1/users?size=1')
    const regions = await apiFromPage(page, '/api/v1/regions?size=1')
    assert.equal(users.status, 200)
    assert.ok(users.body.total >= 27, `demo has 27 users, API says ${users.body.total}`)
    await page.locator('[data-test="stat-users"] .el-statistic__number', { hasText: String(users.body.total) }).waitFor()
    await page.locator('[data-test="stat-regions"] .el-statistic__number', { hasText: String(regions.body.total) }).waitFor()
    await page.locator('[data-test="home-role"]', { hasText: me.user.role_name }).waitFor()
    await shot(page, 'admin-02-home')
  })

  it('users page: paged table, sorting by column header', async () => {
    await clickMenu(page, 'menu-users')
    await page.waitForURL(/\/system\/users/)
    const n = await waitRows(page, 'users-table', 10)
    assert.ok(n >= 10)
    const total = await apiFromPage(page, '/api/v1/users?size=1')
    await page.locator('[data-test="pager"] .el-pagination__total', { hasText: String(total.body.total) }).waitFor()
    const names = await columnTexts(page, 'users-table', 1)
    assert.ok(names.includes('admin'), names.join(','))
    await shot(page, 'admin-03-users')

    // Click the username header twice: ascending, then descending (sort=-username).
    const header = page.locator('[data-test="users-table"] .el-table__header th', { hasText: '用户名' })
    const asc = page.waitForResponse((r) => /\/api\/v1\/users\?.*sort=username/.test(r.url()))
    await header.click()
    await asc
    const desc = page.waitForResponse((r) => /\/api\/v1\/users\?.*sort=-username/.test(r.url()))
    await header.click()
    await desc
    await waitRows(page, 'users-table', 2)
    const sorted = await columnTexts(page, 'users-table', 1)
    const expected = [...sorted].sort().reverse()
    assert.deepEqual(sorted, expected, 'descending by username')
    assert.notEqual(sorted[0], 'admin')
    await shot(page, 'admin-04-users-sorted-desc')
  })

  it('creates a user through the dialog; server errors are shown', async () => {
    await page.locator('[data-test="users-create"]').click()
    const dialog = page.locator('.el-dialog', { hasText: '新增用户' })
    await dialog.waitFor()
    // Client-side validation first: nothing filled.
    await input(page, 'user-form-username').fill('')
    await page.locator('[data-test="user-form-save"]').click()
    await dialog.locator('.el-form-item__error').first().waitFor()
    assert.ok((await dialog.locator('.el-form-item__error').count()) >= 2)
    await shot(page, 'admin-05-user-dialog-validation')

    // A taken username: the server's 409 message appears, and the field is highlighted.
    await input(page, 'user-form-username').fill('admin')
    await input(page, 'user-form-display-name').fill('测试文书')
    await input(page, 'user-form-password').fill('Passw0rd123')
    await selectOption(page, 'user-form-role', '村(社区)文书')
    await selectTreeNode(page, 'user-form-region', '荷风社区')
    const conflict = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST')
    await page.locator('[data-test="user-form-save"]').click()
    const res = await conflict
    assert.equal(res.status(), 409)
    const err = (await res.json()).error
    await message(page, 'error').filter({ hasText: err.message }).waitFor()
    if (err.field === 'username') {
      await dialog.locator('.el-form-item.is-error', { hasText: err.message }).waitFor()
    }
    await shot(page, 'admin-06-user-dialog-conflict')

    await input(page, 'user-form-username').fill(NEW_USER)
    await input(page, 'user-form-phone').fill('13800000000')
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST')
    await page.locator('[data-test="user-form-save"]').click()
    const cres = await created
    assert.equal(cres.status(), 201, await cres.text())
    await dialog.waitFor({ state: 'hidden' })

    await input(page, 'users-q').fill(NEW_USER)
    await page.locator('[data-test="users-search"]').click()
    await page.waitForFunction(
      (u) => [...document.querySelectorAll('[data-test="users-table"] tr.el-table__row td:first-child')].map((e) => e.textContent.trim()).join('|') === u,
      NEW_USER,
    )
    const row = rows(page, 'users-table').first()
    assert.match(await row.innerText(), /荷风社区/)
    assert.match(await row.innerText(), /测试文书/)
    await shot(page, 'admin-07-user-created')
  })

  it('the header region scopes the users list and survives a reload', async () => {
    await input(page, 'users-q').fill('')
    await page.locator('[data-test="users-search"]').click()
    await waitRows(page, 'users-table', 10)
    const scoped = page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes('region=339902001002'))
    await selectTreeNode(page, 'region-select', '竹溪社区')
    await scoped
    await waitLoaded(page, 'users-table')
    let names = await columnTexts(page, 'users-table', 1)
    assert.ok(names.length >= 4, names.join(','))
    assert.ok(names.every((u) => u.startsWith('zhuxi.')), names.join(','))
    await shot(page, 'admin-08-users-region-zhuxi')

    await page.reload()
    await waitLoaded(page, 'users-table')
    await waitRows(page, 'users-table', 1)
    names = await columnTexts(page, 'users-table', 1)
    assert.ok(names.every((u) => u.startsWith('zhuxi.')), `after reload: ${names.join(',')}`)
    assert.equal(await page.evaluate(() => sessionStorage.getItem('ql_region')), '339902001002')
    await page.locator('[data-test="region-select"]', { hasText: '竹溪社区' }).waitFor()

    // Clear the selection again: back to the whole scope.
    await page.locator('[data-test="region-select"] .el-select__wrapper').hover()
    await page.locator('[data-test="region-select"] .el-select__clear').click()
    await waitRows(page, 'users-table', 10)
  })

  it('roles page lists roles; the edit dialog has permission checkboxes and keeps built-in names', async () => {
    await clickMenu(page, 'menu-roles')
    await waitRows(page, 'roles-table', 3)
    const codes = await columnTexts(page, 'roles-table', 1)
    for (const c of ['admin', 'secretary', 'resident']) assert.ok(codes.includes(c), codes.join(','))
    await shot(page, 'admin-09-roles')
    await page.locator('[data-test="role-edit-secretary"]').click()
    const dialog = page.locator('.el-dialog', { hasText: '编辑角色' })
    await dialog.waitFor()
    assert.ok(await input(page, 'role-form-name-zh').isDisabled(), 'built-in role name is not editable')
    const perms = await apiFromPage(page, '/api/v1/permissions')
    const boxes = dialog.locator('[data-test="role-form-perms"] .el-checkbox')
    assert.equal(await boxes.count(), perms.body.length)
    assert.ok(perms.body.length >= 10)
    assert.ok((await dialog.locator('[data-test="role-form-perms"] .el-checkbox.is-checked').count()) >= 1)
    await shot(page, 'admin-10-role-edit')
    await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('regions page shows the tree and the regions below', async () => {
    await clickMenu(page, 'menu-regions')
    await waitRows(page, 'regions-table', 5)
    await page.locator('[data-test="regions-tree"] .el-tree-node__content', { hasText: '青莲街道' }).first().waitFor()
    const scoped = page.waitForResponse((r) => r.url().includes('/api/v1/regions?') && r.url().includes('region=339902001001'))
    await page.locator('[data-test="regions-tree"] .el-tree-node__content', { hasText: '荷风社区' }).first().click()
    await scoped
    await waitLoaded(page, 'regions-table')
    const codes = await columnTexts(page, 'regions-table', 1)
    assert.ok(codes.length >= 2, codes.join(','))
    assert.ok(codes.every((c) => c.startsWith('339902001001')), codes.join(','))
    await shot(page, 'admin-11-regions')
  })

  it('regions CSV import: a good file adds a grid, a bad one lists its problems', async () => {
    const good = 'code,name,level,parent_code\n339902001001009,荷风社区第9网格,grid,339902001001\n'
    const imported = page.waitForResponse((r) => r.url().endsWith('/api/v1/regions/import'))
    await page.locator('[data-test="regions-import-file"]').setInputFiles({ name: 'grids.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
    const res = await imported
    assert.equal(res.status(), 200, await res.text())
    assert.equal((await res.json()).inserted, 1)
    await page.locator('[data-test="regions-table"] td', { hasText: '339902001001009' }).waitFor()

    const bad = 'code,name,level,parent_code\n12345,坏代码,grid,339902001001\n339902001001010,,grid,339902001001\n'
    const rejected = page.waitForResponse((r) => r.url().endsWith('/api/v1/regions/import'))
    await page.locator('[data-test="regions-import-file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    const rres = await rejected
    assert.equal(rres.status(), 400)
    const problems = (await rres.json()).error.problems
    assert.ok(problems.length >= 1)
    const dialog = page.locator('[data-test="region-import-problems"]')
    await dialog.locator('tr.el-table__row').first().waitFor()
    assert.equal(await dialog.locator('tr.el-table__row').count(), problems.length)
    assert.ok((await dialog.innerText()).includes(problems[0].message), 'the first problem is listed')
    await shot(page, 'admin-12-regions-import-problems')
    await dialog.locator('.el-dialog__footer button').click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('dictionaries page shows types and items; an item can be added', async () => {
    await clickMenu(page, 'menu-dicts')
    await waitRows(page, 'dict-types-table', 1)
    await waitRows(page, 'dict-items-table', 1)
    const before = await rows(page, 'dict-items-table').count()
    await page.locator('[data-test="dicts-add-item"]').click()
    const dialog = page.locator('.el-dialog', { hasText: '新增字典项' })
    await dialog.waitFor()
    await input(page, 'dict-item-value').fill('zz_browser_test')
    await input(page, 'dict-item-label-zh').fill('浏览器测试项')
    await input(page, 'dict-item-label-en').fill('Browser test item')
    const saved = page.waitForResponse((r) => /\/api\/v1\/dicts\/[^/]+\/items$/.test(r.url()))
    await page.locator('[data-test="dict-item-save"]').click()
    const res = await saved
    assert.ok(res.ok(), `add item: ${res.status()} ${await res.text()}`)
    await dialog.waitFor({ state: 'hidden' })
    await waitRows(page, 'dict-items-table', before + 1)
    await page.locator('[data-test="dict-items-table"] td', { hasText: '浏览器测试项' }).waitFor()
    await shot(page, 'admin-13-dicts')
  })

  it('operation log shows the user created above with its changes', async () => {
    await clickMenu(page, 'menu-oplog')
    await waitRows(page, 'oplog-table', 1)
    await input(page, 'oplog-object-type').fill('user')
    await input(page, 'oplog-action').fill('create')
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/oplog?') && r.url().includes('object_type=user'))
    await page.locator('[data-test="oplog-search"]').click()
    await filtered
    await waitRows(page, 'oplog-table', 1)
    const row = rows(page, 'oplog-table').first()
    assert.match(await row.innerText(), /admin/)
    // Expand the row: the changes table names the new user.
    await row.locator('.el-table__expand-icon').click()
    const changes = page.locator('[data-test="changes-view"]').first()
    await changes.waitFor()
    assert.match(await changes.innerText(), new RegExp(NEW_USER.replace('.', '\\.')))
    await shot(page, 'admin-14-oplog')
  })

  it('login log shows the admin login', async () => {
    await clickMenu(page, 'menu-loginlog')
    await waitRows(page, 'loginlog-table', 1)
    const users = await columnTexts(page, 'loginlog-table', 2)
    const results = await columnTexts(page, 'loginlog-table', 3)
    const i = users.indexOf('admin')
    assert.ok(i >= 0, users.join(','))
    assert.equal(results[i], '成功')
    await shot(page, 'admin-15-loginlog')
  })

  it('switches to English', async () => {
    await page.locator('[data-test="lang-button"]').first().click()
    await page.locator('[data-test="lang-en"]:visible').click()
    await page.locator('[data-test="side-menu"] .el-menu-item', { hasText: 'Login log' }).waitFor()
    const menu = await menuTexts(page)
    for (const label of ['Home', 'Users', 'Roles & permissions', 'Regions', 'Dictionaries', 'Operation log', 'Login log']) {
      assert.ok(menu.includes(label), `${label} in ${menu.join(',')}`)
    }
    await page.locator('.page-title', { hasText: 'Login log' }).waitFor()
    await page.locator('[data-test="loginlog-table"] th', { hasText: 'Username' }).waitFor()
    // The API is asked in English too.
    const req = page.waitForRequest((r) => r.url().includes('/api/v1/users?'))
    await clickMenu(page, 'menu-users')
    assert.equal((await req).headers()['accept-language'], 'en')
    await waitRows(page, 'users-table', 1)
    await page.locator('[data-test="users-table"] th', { hasText: 'Username' }).waitFor()
    await shot(page, 'admin-16-english')
    // Back to Chinese for the rest.
    await page.locator('[data-test="lang-button"]').first().click()
    await page.locator('[data-test="lang-zh"]:visible').click()
    await page.locator('[data-test="side-menu"] .el-menu-item', { hasText: '用户管理' }).waitFor()
  })

  it('logout returns to the login page and the session is gone', async () => {
    await page.locator('[data-test="user-button"]').click()
    await page.locator('[data-test="logout"]:visible').click()
    await page.waitForURL(/\/login/)
    await input(page, 'login-username').waitFor()
    const me = await apiFromPage(page, '/api/v1/auth/me')
    assert.equal(me.status, 401)
    await page.goto(`${srv.base}/system/users`)
    await page.waitForURL(/\/login/)
    await shot(page, 'admin-17-logged-out')
  })

  it('a wrong password shows the server error message', async () => {
    const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
    await login(page, srv.base, 'admin', 'not-the-password-1')
    const res = await resp
    assert.ok([400, 401].includes(res.status()), `wrong password: HTTP ${res.status()}`)
    const msg = (await res.json()).error.message
    assert.ok(msg)
    const alert = page.locator('[data-test="login-error"]')
    await alert.waitFor()
    assert.equal((await alert.innerText()).trim(), msg)
    assert.match(page.url(), /\/login/)
    await shot(page, 'admin-18-wrong-password')
  })

  it('five wrong passwords lock an account (423 shown); the admin unlocks it in the users page', async () => {
    const victim = 'liuwan.resident'
    let last
    for (let i = 0; i < 6; i++) {
      const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
      await login(page, srv.base, victim, `wrong-password-${i}`)
      last = await resp
    }
    assert.equal(last.status(), 423)
    const msg = (await last.json()).error.message
    await page.locator('[data-test="login-error"]', { hasText: msg }).waitFor()
    await shot(page, 'admin-19-account-locked')

    await loginOk(page, srv.base, srv.creds, 'admin')
    await page.goto(`${srv.base}/system/users`)
    await input(page, 'users-q').fill(victim)
    await page.locator('[data-test="users-search"]').click()
    await page.locator('[data-test="users-table"] .el-tag', { hasText: '已锁定' }).waitFor()
    await page.locator(`[data-test="user-unlock-${victim}"]`).click()
    const unlocked = page.waitForResponse((r) => r.url().endsWith('/unlock'))
    await page.locator('.el-message-box__btns button', { hasText: '确定' }).click()
    assert.equal((await unlocked).status(), 204)
    await page.locator('[data-test="users-table"] .el-tag', { hasText: '已锁定' }).waitFor({ state: 'detached' })
    await shot(page, 'admin-20-unlocked')
    // The victim can log in again with the right password.
    const check = await fetch(`${srv.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: victim, password: srv.creds[victim].password }),
    })
    assert.equal(check.status, 200)
  })
})
