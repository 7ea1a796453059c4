#pragma once
// The 三图三表 of a village (seed 000), generated from its data rather than drawn by hand:
//   党风廉政建设责任一览图 - who is responsible for what, from the users and their roles;
//   财务审批流程图        - the spending item's flow, with the 监审小组's joint step;
//   公共资源交易流程图    - the works, purchase and service items' flows, bands side by side;
//   廉政风险点一览表      - every risk point of every item, with level and control;
//   内审工作核查表        - what the region's cases of a period did wrong (overdue steps,
//                           joint approvals without every signature, meetings that did not pass,
//                           disclose steps that published nothing).
// Items are those that apply in the region as item.hpp's list_items defines it (own items, then
// the nearest ancestors' for codes it does not override); where nothing is initialised up the
// tree the built-in template is shown, and the result says so ("source":"template").
// Every function checks the actor's data scope for the region; permissions are the caller's.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "power/default_items.hpp"
#include "store/database.hpp"

namespace ql::power {

struct CatalogueItem {
  std::int64_t id = 0;  // 0 for a template item
  int version = 0;      // the flow version shown (0 for a template item)
  PowerItemSpec spec;
};

struct Catalogue {
  std::string region_code, region_name;
  std::string source;  // "region", "inherited" (only an ancestor's items apply) or "template"
  std::vector<CatalogueItem> items;  // enabled items in display order
};

// The enabled items that apply in the region with their current flows, or the template.
Catalogue catalogue_for(store::Connection& c, const auth::Principal& actor, const std::string& region_code);

// One item by id with its current flow, or the given version; 404 when absent or the version
// does not exist, 403 outside the actor's scope. region_name is filled in.
struct ItemWithRegion {
  CatalogueItem item;
  std::string region_code, region_name;
};
ItemWithRegion item_flow(store::Connection& c, const auth::Principal& actor, std::int64_t item_id,
                         std::optional<int> version);

// 党风廉政建设责任一览图 as data: {"region_code","region_name","street_name","groups":[{"role",
// "title_zh","title_en","duty_zh","duty_en","people":[{"id","name","region_code"}]}]}. Street
// office and discipline staff come from the regions above the village, the rest from it.
nlohmann::json responsibility(store::Connection& c, const auth::Principal& actor, const std::string& region_code);
std::string responsibility_svg(const nlohmann::json& data, bool english);

// 廉政风险点一览表: {"region_code","region_name","source","counts":{"high","medium","low"},
// "rows":[{"no","item_code","item_name","group","step_key","step_name","bands","risk","level",
// "control"}]} ordered by item, then step, then as marked.
nlohmann::json risk_table(store::Connection& c, const auth::Principal& actor, const std::string& region_code);

// What the books say about payments, for the checklist's payment checks. The ledger fills it
// (ledger/payment_audit.hpp: the ledger depends on power, never the reverse), the HTTP layer
// passes it in; `checked` false (the reader may not read the books) leaves both checks out.
struct UnapprovedPayment {
  std::int64_t voucher_id = 0;
  std::string region_code, period, date, summary, reason;
  std::int64_t number = 0;
  std::int64_t paid_fen = 0;  // credits to cash and bank accounts
};
struct PaymentFacts {
  bool checked = false;
  std::vector<UnapprovedPayment> unapproved;       // posted payments of the period flagged as exceptions
  std::map<std::string, std::int64_t> paid_by_ref;  // approval_ref (case number) -> sum paid, all time
};

// 内审工作核查表 over the cases started in [from, to] (business dates) in the region and below:
// {"region_code","region_name","from","to","cases_checked","checks":[{"code","title_zh",
// "title_en","findings":n}],"rows":[{"check","check_zh","case_id","case_number","case_title",
// "item_name","step_name","detail_zh","detail_en"}]}. Checks: overdue_step, joint_incomplete,
// meeting_not_passed, disclosure_missing, step_skipped, missing_attachments (a done step
// without every document its flow requires, naming them), and with payments.checked:
// payment_unapproved (one row per voucher; case fields null, voucher fields set) and
// payment_exceeds_case (the payments citing a case exceed its approved amount).
nlohmann::json audit_checklist(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               Date from, Date to, const PaymentFacts& payments = {});

// The chart kinds served as SVG: the financial approval chart, the trading charts.
// Picks the item of `kind` (spending, works, purchase, service) from the catalogue; 404 when
// the region's catalogue has no enabled item of that kind.
CatalogueItem chart_item(const Catalogue& cat, const std::string& kind);

// A printable A4 HTML page around an SVG chart (the browser prints it to PDF).
std::string printable_page(const std::string& title, const std::string& svg, bool landscape);

}  // namespace ql::power
