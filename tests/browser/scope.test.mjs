// Data scope and permissions as a community secretary and a resident see them.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { columnTexts, waitRows, loginOk, regionTreeText, apiFromPage, clickMenu, menuTexts } from './lib/ui.mjs'

const PAGES = [
  { path: '/system/users', perm: 'system:user:read', menu: '用户管理' },
  { path: '/system/roles', perm: 'system:role:read', menu: '角色权限' },
  { path: '/system/regions', perm: 'system:region:read', menu: '行政区划' },
  { path: '/system/dicts', perm: 'system:dict:read', menu: '数据字典' },
  { path: '/system/oplog', perm: 'system:oplog:read', menu: '操作日志' },
  { path: '/system/loginlog', perm: 'system:loginlog:read', menu: '登录日志' },
]
const grants = (perms, p) => perms.includes('*') || perms.includes(p)

describe('a community secretary and a resident in the browser', () => {
  let srv, b, page, me

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('hefeng.secretary sees only 荷风社区 in the region tree', async () => {
    me = await loginOk(page, srv.base, srv.creds, 'hefeng.secretary')
    assert.equal(me.user.region_code, '339902001001')
    const popper = await regionTreeText(page)
    const text = await popper.innerText()
    assert.match(text, /荷风社区/)
    assert.doesNotMatch(text, /竹溪社区/)
    assert.doesNotMatch(text, /青莲街道/)
    await shot(page, 'secretary-01-region-tree')
    await page.keyboard.press('Escape')
  })

  it('the menu holds exactly the pages the role grants', async () => {
    const menu = await menuTexts(page)
    for (const p of PAGES) {
      assert.equal(menu.includes(p.menu), grants(me.permissions, p.perm), `${p.menu} shown iff ${p.perm}: ${menu.join(',')}`)
    }
  })

  it('the users list holds only hefeng.* users', async () => {
    await clickMenu(page, 'menu-users')
    await waitRows(page, 'users-table', 4)
    const names = await columnTexts(page, 'users-table', 1)
    assert.ok(names.length >= 4, names.join(','))
    assert.ok(names.every((u) => u.startsWith('hefeng.')), names.join(','))
    for (const r of ['secretary', 'clerk', 'supervisor', 'resident']) assert.ok(names.includes(`hefeng.${r}`), names.join(','))
    // No write permission: no create button.
    assert.equal(await page.locator('[data-test="users-create"]').count(), grants(me.permissions, 'system:user:write') ? 1 : 0)
    await shot(page, 'secretary-02-users')
  })

  it('asking the API for another community from the page is 403', async () => {
    const other = await apiFromPage(page, '/api/v1/users?region=339902001002')
    assert.equal(other.status, 403)
    assert.ok(other.body && other.body.error && other.body.error.message, 'error body with a message')
    const own = await apiFromPage(page, '/api/v1/users?region=339902001001')
    assert.equal(own.status, 200)
  })

  it('typing the URL of a page the role lacks shows the 403 page', async () => {
    const lacking = PAGES.filter((p) => !grants(me.permissions, p.perm))
    assert.ok(lacking.length > 0, `a secretary is not an administrator: ${me.permissions.join(',')}`)
    for (const p of lacking) {
      await page.goto(`${srv.base}${p.path}`)
      await page.locator('[data-test="forbidden"]').waitFor()
      assert.match(await page.locator('[data-test="forbidden"]').innerText(), /403/)
      assert.equal(await page.locator('[data-test^="page-"]').count(), 0)
    }
    await shot(page, 'secretary-03-forbidden')
  })

  it('a resident has no system menu and every system page is 403', async () => {
    await page.locator('[data-test="user-button"]').click()
    await page.locator('[data-test="logout"]:visible').click()
    await page.waitForURL(/\/login/)
    const resident = await loginOk(page, srv.base, srv.creds, 'hefeng.resident')
    assert.ok(!PAGES.some((p) => grants(resident.permissions, p.perm)), resident.permissions.join(','))
    assert.equal(await page.locator('[data-test="menu-system"]').count(), 0)
    await page.goto(`${srv.base}/system/users`)
    await page.locator('[data-test="forbidden"]').waitFor()
    const api = await apiFromPage(page, '/api/v1/users')
    assert.equal(api.status, 403)
    await shot(page, 'resident-01-forbidden')
  })
})
