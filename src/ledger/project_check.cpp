#include "ledger/project_check.hpp"

#include <algorithm>

#include "core/money.hpp"

namespace ql::ledger {
namespace {

std::string yuan(std::int64_t fen) { return money::format_yuan(fen); }

}  // namespace

int method_rank(const std::string& method) {
  if (method == "county_centre") return 3;
  if (method == "township_centre") return 2;
  if (method == "public_tender") return 1;
  return 0;
}

std::string required_method(power::AmountBand band) {
  switch (band) {
    case power::AmountBand::large: return "public_tender";
    case power::AmountBand::township: return "township_centre";
    case power::AmountBand::county: return "county_centre";
    default: return "";
  }
}

std::string band_name(power::AmountBand band) {
  switch (band) {
    case power::AmountBand::small: return "small";
    case power::AmountBand::medium: return "medium";
    case power::AmountBand::large: return "large";
    case power::AmountBand::township: return "township";
    case power::AmountBand::county: return "county";
    default: return "none";
  }
}

std::vector<Finding> check_project(const ProjectFacts& f, Date today) {
  std::vector<Finding> out;
  std::int64_t paid = 0;
  for (const auto& p : f.payments) paid += p.second;

  if (f.settlement_fen) {
    if (paid > *f.settlement_fen)
      out.push_back({"paid_over_settlement", "error",
                     "已付 " + yuan(paid) + " 元超过结算金额 " + yuan(*f.settlement_fen) + " 元",
                     "Paid " + yuan(paid) + " yuan, more than the settlement of " + yuan(*f.settlement_fen) + " yuan",
                     {{"paid_fen", paid}, {"settlement_amount_fen", *f.settlement_fen}}});
  } else if (paid > f.contract_fen) {
    out.push_back({"paid_over_contract", "error",
                   "未结算,已付 " + yuan(paid) + " 元超过合同金额 " + yuan(f.contract_fen) + " 元",
                   "Not settled; paid " + yuan(paid) + " yuan, more than the contract amount of " + yuan(f.contract_fen) +
                       " yuan",
                   {{"paid_fen", paid}, {"contract_amount_fen", f.contract_fen}}});
  }

  // Payments before a passed acceptance; without one every payment so far is "before".
  const bool accepted = f.acceptance && f.acceptance_result.value_or("passed") == "passed";
  std::int64_t before = 0;
  for (const auto& p : f.payments)
    if (!accepted || p.first < *f.acceptance) before += p.second;
  // before > contract × 30 %, in integers (no rounding of the share).
  if (before > 0 && before * 100 > f.contract_fen * kAdvancePercent) {
    const auto limit = f.contract_fen * kAdvancePercent / 100;
    out.push_back({"paid_before_acceptance", "error",
                   std::string(accepted ? "验收前" : "未通过验收,") + "已付 " + yuan(before) + " 元,超过合同金额的 " +
                       std::to_string(kAdvancePercent) + "%(" + yuan(limit) + " 元)",
                   std::string(accepted ? "Before acceptance, " : "Not accepted; ") + yuan(before) +
                       " yuan paid, more than " + std::to_string(kAdvancePercent) + "% of the contract (" + yuan(limit) +
                       " yuan)",
                   {{"paid_before_acceptance_fen", before},
                    {"advance_limit_fen", limit},
                    {"acceptance_date", accepted ? nlohmann::json(to_date_string(*f.acceptance)) : nlohmann::json()}}});
  }

  if (const auto need = required_method(f.band); !need.empty() && method_rank(f.method) < method_rank(need))
    out.push_back({"procurement_below_required", "error",
                   "合同金额 " + yuan(f.contract_fen) + " 元须经" +
                       (need == "public_tender" ? std::string("公开招标") :
                        need == "township_centre" ? std::string("镇交易中心") : std::string("县交易中心")) +
                       ",实际采购方式低于要求",
                   "A contract of " + yuan(f.contract_fen) + " yuan requires " + need +
                       "; the procurement method used ranks below it",
                   {{"procurement_method", f.method}, {"band", band_name(f.band)}, {"required_method", need}}});

  if (f.settlement_fen && *f.settlement_fen >= kAuditRequiredFromFen && !f.audit)
    out.push_back({"settled_without_audit", "error",
                   "结算金额 " + yuan(*f.settlement_fen) + " 元(" + yuan(kAuditRequiredFromFen) + " 元及以上)未经审计",
                   "Settled at " + yuan(*f.settlement_fen) + " yuan (" + yuan(kAuditRequiredFromFen) +
                       " yuan or more) without an audit",
                   {{"settlement_amount_fen", *f.settlement_fen}, {"audit_required_from_fen", kAuditRequiredFromFen}}});
  if (f.settlement_fen && f.audited_fen && *f.settlement_fen > *f.audited_fen)
    out.push_back({"settlement_over_audit", "error",
                   "结算金额 " + yuan(*f.settlement_fen) + " 元超过审定金额 " + yuan(*f.audited_fen) + " 元",
                   "Settlement of " + yuan(*f.settlement_fen) + " yuan exceeds the audited amount of " +
                       yuan(*f.audited_fen) + " yuan",
                   {{"settlement_amount_fen", *f.settlement_fen}, {"audited_amount_fen", *f.audited_fen}}});

  if (f.finish && *f.finish < today && !f.acceptance)
    out.push_back({"acceptance_missing", "warning", "已于 " + to_date_string(*f.finish) + " 完工,未记录验收",
                   "Finished on " + to_date_string(*f.finish) + " but no acceptance is recorded",
                   {{"finish_date", to_date_string(*f.finish)}}});
  std::stable_sort(out.begin(), out.end(),
                   [](const Finding& a, const Finding& b) { return a.severity == "error" && b.severity != "error"; });
  return out;
}

}  // namespace ql::ledger
