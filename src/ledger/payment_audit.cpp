#include "ledger/payment_audit.hpp"

#include "auth/scope.hpp"

namespace ql::ledger {

power::PaymentFacts payment_facts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                  Date from, Date to) {
  actor.require("ledger:fund:read");
  const auth::Scope scope(actor);
  scope.require_region(c, region_code);
  power::PaymentFacts out;
  out.checked = true;
  // What a payment paid out: its credits to cash and bank accounts, as approval_ref counts it.
  const std::string paid =
      "(SELECT CAST(COALESCE(SUM(e.credit_fen), 0) AS BIGINT) FROM ledger_entry e JOIN ledger_account a ON a.id = e.account_id "
      "WHERE e.voucher_id = v.id AND (a.is_cash = 1 OR a.is_bank = 1))";
  {
    store::Params params;
    const auto where = scope.list_condition(c, region_code, "v.region_code", "", params);
    params.push_back(to_date_string(from));
    const auto p_from = std::to_string(params.size());
    params.push_back(to_date_string(to));
    const auto p_to = std::to_string(params.size());
    for (const auto& r : c.query("SELECT v.id, v.region_code, v.period, v.number, v.voucher_date, v.summary, "
                                 "v.unapproved_reason, " + paid + " AS paid FROM ledger_voucher v WHERE " + where +
                                     " AND v.status = 'posted' AND v.reversed_by_id IS NULL AND v.is_payment = 1 AND "
                                     "v.unapproved_reason IS NOT NULL AND v.voucher_date >= $" + p_from +
                                     " AND v.voucher_date <= $" + p_to + " ORDER BY v.voucher_date, v.region_code, v.number",
                                 params))
      out.unapproved.push_back({r.get<std::int64_t>(0), r.get<std::string>(1), r.get<std::string>(2),
                                r.get<std::string>(4), r.get<std::string>(5), r.get<std::string>(6),
                                r.get<std::int64_t>(3), r.get<std::int64_t>(7)});
  }
  store::Params params;
  const auto where = scope.list_condition(c, region_code, "v.region_code", "", params);
  for (const auto& r : c.query("SELECT v.approval_ref, CAST(SUM(e.credit_fen) AS BIGINT) FROM ledger_voucher v "
                                   "JOIN ledger_entry e ON e.voucher_id = v.id JOIN ledger_account a ON a.id = e.account_id "
                                   "WHERE " + where +
                                   " AND v.status = 'posted' AND v.reversed_by_id IS NULL AND v.approval_ref IS NOT NULL "
                                   "AND (a.is_cash = 1 OR a.is_bank = 1) GROUP BY v.approval_ref",
                               params))
    out.paid_by_ref[r.get<std::string>(0)] = r.get<std::int64_t>(1);
  return out;
}

}  // namespace ql::ledger
