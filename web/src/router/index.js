import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '../stores/auth'
import { i18n } from '../i18n'

// Each page is its own chunk (code-splitting per route).
const MainLayout = () => import('../layouts/MainLayout.vue')
const ErrorPage = () => import('../views/ErrorPage.vue')

/** The system pages, in menu order; `perm` is what /auth/me must grant to see them. */
export const systemPages = [
  { path: 'system/users', name: 'users', perm: 'system:user:read', title: 'menu.users', icon: 'User', component: () => import('../views/system/Users.vue') },
  { path: 'system/roles', name: 'roles', perm: 'system:role:read', title: 'menu.roles', icon: 'Lock', component: () => import('../views/system/Roles.vue') },
  { path: 'system/regions', name: 'regions', perm: 'system:region:read', title: 'menu.regions', icon: 'Location', component: () => import('../views/system/Regions.vue') },
  { path: 'system/dicts', name: 'dicts', perm: 'system:dict:read', title: 'menu.dicts', icon: 'Collection', component: () => import('../views/system/Dicts.vue') },
  { path: 'system/oplog', name: 'oplog', perm: 'system:oplog:read', title: 'menu.oplog', icon: 'Document', component: () => import('../views/system/OpLog.vue') },
  { path: 'system/loginlog', name: 'loginlog', perm: 'system:loginlog:read', title: 'menu.loginlog', icon: 'Tickets', component: () => import('../views/system/LoginLog.vue') },
]

/** The disclosure (三务公开) pages, in menu order. */
export const disclosurePages = [
  { path: 'disclosure/publications', name: 'publications', perm: 'disclosure:publication:read', title: 'menu.publications', icon: 'Notebook', component: () => import('../views/disclosure/Publications.vue') },
  { path: 'disclosure/catalogs', name: 'catalogs', perm: 'disclosure:catalog:read', title: 'menu.catalogs', icon: 'List', component: () => import('../views/disclosure/Catalogs.vue') },
  { path: 'disclosure/overdue', name: 'overdue', perm: 'disclosure:catalog:read', title: 'menu.overdue', icon: 'AlarmClock', component: () => import('../views/disclosure/Overdue.vue') },
  { path: 'disclosure/comments', name: 'comments', perm: ['disclosure:comment:moderate', 'disclosure:comment:answer'], title: 'menu.comments', icon: 'ChatDotRound', component: () => import('../views/disclosure/Comments.vue') },
  { path: 'disclosure/log', name: 'publog', perm: 'disclosure:publication:read', title: 'menu.publog', icon: 'Connection', component: () => import('../views/disclosure/PubLog.vue') },
]

/** Collective funds (vouchers, chart, periods, reports), assets, resources and contracts (三资), in menu order. */
export const assetPages = [
  { path: 'ledger/vouchers', name: 'vouchers', perm: 'ledger:fund:read', title: 'menu.vouchers', icon: 'Tickets', component: () => import('../views/ledger/fund/Vouchers.vue') },
  { path: 'ledger/accounts', name: 'fundAccounts', perm: 'ledger:fund:read', title: 'menu.fundAccounts', icon: 'Files', component: () => import('../views/ledger/fund/Accounts.vue') },
  { path: 'ledger/periods', name: 'periods', perm: 'ledger:fund:read', title: 'menu.periods', icon: 'Calendar', component: () => import('../views/ledger/fund/Periods.vue') },
  { path: 'ledger/reports', name: 'fundReports', perm: 'ledger:fund:read', title: 'menu.fundReports', icon: 'DataAnalysis', component: () => import('../views/ledger/fund/Reports.vue') },
  { path: 'ledger/assets', name: 'assets', perm: 'ledger:asset:read', title: 'menu.assets', icon: 'OfficeBuilding', component: () => import('../views/ledger/Assets.vue') },
  { path: 'ledger/resources', name: 'resources', perm: 'ledger:asset:read', title: 'menu.resources', icon: 'MapLocation', component: () => import('../views/ledger/Resources.vue') },
  { path: 'ledger/contracts', name: 'contracts', perm: 'ledger:asset:read', title: 'menu.contracts', icon: 'DocumentChecked', component: () => import('../views/ledger/Contracts.vue') },
  { path: 'ledger/deals', name: 'deals', perm: 'ledger:deal:read', title: 'menu.deals', icon: 'Sell', component: () => import('../views/deals/Deals.vue') },
  { path: 'ledger/inventories', name: 'inventories', perm: 'ledger:asset:read', title: 'menu.inventories', icon: 'Checked', component: () => import('../views/deals/Inventories.vue') },
  { path: 'ledger/projects', name: 'projects', perm: 'ledger:fund:read', title: 'prj.menu.projects', icon: 'Guide', component: () => import('../views/ledger/projects/Projects.vue') },
  { path: 'ledger/project-check', name: 'projectCheck', perm: 'ledger:fund:read', title: 'prj.menu.check', icon: 'Warning', component: () => import('../views/ledger/projects/ProjectCheck.vue') },
  { path: 'ledger/term-audit', name: 'termAudit', perm: 'ledger:fund:read', title: 'prj.menu.termAudit', icon: 'Avatar', component: () => import('../views/ledger/projects/TermAudit.vue') },
]

/** Petty power (小微权力): the catalogue and the 三图三表, in menu order. */
export const powerPages = [
  { path: 'power/items', name: 'powerItems', perm: 'power:item:read', title: 'pwr.menu.catalogue', icon: 'Memo', component: () => import('../views/power/Catalogue.vue') },
  { path: 'power/rules', name: 'powerRules', perm: 'power:item:read', title: 'prule.title', icon: 'Guide', component: () => import('../views/power/RoutingRules.vue') },
  { path: 'power/cases', name: 'powerCases', perm: 'power:case:read', title: 'pcase.menu.cases', icon: 'Finished', component: () => import('../views/power/Cases.vue') },
  { path: 'power/seal-uses', name: 'powerSeals', perm: 'power:case:read', title: 'pcase.menu.seals', icon: 'Postcard', component: () => import('../views/power/SealUses.vue') },
  { path: 'power/charts', name: 'powerCharts', perm: 'power:chart:read', title: 'pwr.menu.charts', icon: 'PieChart', component: () => import('../views/power/Charts.vue') },
]

/** Pages reached from a list (not in the menu). */
const detailPages = [
  { path: 'power/cases/:id(\\d+)', name: 'powerCase', perm: 'power:case:read', title: 'pcase.menu.cases', component: () => import('../views/power/CaseDetail.vue') },
  { path: 'power/items/:id(\\d+)', name: 'powerItem', perm: 'power:item:read', title: 'pwr.menu.item', component: () => import('../views/power/ItemDetail.vue') },
  { path: 'power/items/:id(\\d+)/flow', name: 'powerFlowEditor', perm: 'power:item:write', title: 'pwr.menu.flowEditor', component: () => import('../views/power/FlowEditor.vue') },
  { path: 'ledger/deals/:id(\\d+)', name: 'deal', perm: 'ledger:deal:read', title: 'menu.deals', component: () => import('../views/deals/DealDetail.vue') },
  { path: 'ledger/inventories/:id(\\d+)', name: 'inventory', perm: 'ledger:asset:read', title: 'menu.inventories', component: () => import('../views/deals/InventoryDetail.vue') },
]

const routes = [
  { path: '/login', name: 'login', component: () => import('../views/Login.vue'), meta: { public: true } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('../views/Home.vue'), meta: { title: 'menu.home' } },
      ...[...systemPages, ...disclosurePages, ...assetPages, ...powerPages, ...detailPages].map((p) => ({
        path: p.path,
        name: p.name,
        component: p.component,
        meta: { perm: p.perm, title: p.title },
      })),
      {
        path: '403',
        name: 'forbidden',
        component: ErrorPage,
        props: { test: 'forbidden', icon: 'warning', title: 'forbidden.title', text: 'forbidden.text' },
        meta: { title: 'forbidden.title' },
      },
      {
        path: ':rest(.*)*',
        name: 'notfound',
        component: ErrorPage,
        props: { test: 'notfound', icon: 'info', title: 'notFound.title', text: 'notFound.text' },
        meta: { title: 'notFound.title' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (to.meta.public) {
    // Already signed in (e.g. reload on /login with a live cookie) → go in.
    if (to.name === 'login' && !auth.loaded && sessionStorage.getItem('ql_csrf')) {
      try {
        if (await auth.fetchMe()) return { path: typeof to.query.redirect === 'string' ? to.query.redirect : '/' }
      } catch {
        // stay on the login page
      }
    }
    return true
  }
  if (!auth.loaded) {
    let ok = false
    try {
      ok = await auth.fetchMe()
    } catch {
      ok = false
    }
    if (!ok) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.perm && !auth.can(to.meta.perm)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  const t = i18n.global.t
  document.title = to.meta.title ? `${t(to.meta.title)} - ${t('app.title')}` : t('app.title')
})
