// Routes: /api/v1/disclosures (drafts, publish, correct, withdraw) and the public publication
// log (/log/..., /api/v1/log/proof/...).
#include "core/error.hpp"
#include "disclosure/log_verify.hpp"
#include "disclosure/publication.hpp"
#include "disclosure/tlog_hash.hpp"
#include "disclosure/witness.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

// Bounds for ids and log positions: far above any real log, small enough to print.
constexpr std::int64_t kMaxIndex = 999'999'999'999'999;

std::int64_t disclosure_id(const Request& req) { return path_id(req, "id"); }

disclosure::Content content_of(JsonInput& in) {
  disclosure::Content c;
  c.category = in.required_string("category", 20);
  c.stage = in.required_string("stage", 20);
  c.title = in.required_string("title", 100);
  c.body = in.required_string("body", 20000, TextKind::multiline);
  c.catalog_item_id = in.optional_int("catalog_item_id", 1, kMaxIndex);
  c.period = in.optional_string("period", 7);
  if (const auto* links = in.raw("links")) c.links = *links;
  return c;
}

nlohmann::json proof_json(const tlog::Proof& proof) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : proof) out.push_back(tlog::hash_base64(h));
  return out;
}

// Columns of the publications list download (?format=xlsx|csv).
const std::vector<ExportColumn>& disclosure_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> columns = {
      {"id", "编号", "ID", K::integer},
      {"region_code", "区划代码", "Region code"},
      {"region_name", "区划", "Region"},
      {"category", "类别", "Category"},
      {"stage", "阶段", "Stage"},
      {"period", "期间", "Period"},
      {"title", "标题", "Title"},
      {"status", "状态", "Status"},
      {"log_index", "日志序号", "Log index", K::integer},
      {"published_at", "公开时间", "Published", K::datetime},
      {"created_at", "创建时间", "Created", K::datetime},
  };
  return columns;
}

}  // namespace

void register_disclosure_routes(Api& api, const disclosure::LogIdentity& log) {
  api.route(Method::GET, "/api/v1/disclosures", "disclosure:publication:read", [](Call& call) {
    auto page = parse_paging(call.req, {"created_at", "published_at", "title"}, "-created_at");
    disclosure::ListFilter f{query_string(call.req, "region", 15), query_string(call.req, "status", 20),
                             query_string(call.req, "category", 20), query_string(call.req, "stage", 20),
                             query_string(call.req, "q", 60)};
    if (const auto format = export_format(call.req); format != ExportFormat::json) {
      auto items =
          all_items(page, [&](const PageRequest& p) { return disclosure::list_disclosures(call.db, call.actor(), f, p); });
      return export_response(format,
                             export_table(items, disclosure_columns(), call.english, call.english ? "Publications" : "公开事项"),
                             "公开事项列表", "publications", call.english);
    }
    auto r = disclosure::list_disclosures(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::POST, "/api/v1/disclosures", "disclosure:publication:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto region = in.required_string("region", 15);
    auto content = content_of(in);
    in.finish();
    return json_response(201, disclosure::create_draft(call.db, call.actor(), region, content));
  });

  api.route(Method::GET, "/api/v1/disclosures/{id}", "disclosure:publication:read", [](Call& call) {
    return json_response(200, disclosure::get_disclosure(call.db, call.actor(), disclosure_id(call.req)));
  });

  api.route(Method::PATCH, "/api/v1/disclosures/{id}", "disclosure:publication:write", [](Call& call) {
    auto id = disclosure_id(call.req);
    auto in = JsonInput::parse(call.req);
    disclosure::DraftPatch p;
    p.category = in.optional_string("category", 20);
    p.stage = in.optional_string("stage", 20);
    p.title = in.optional_string("title", 100);
    p.body = in.optional_string("body", 20000, TextKind::multiline);
    p.catalog_item_id = in.optional_int("catalog_item_id", 1, kMaxIndex);
    p.period = in.optional_string("period", 7);
    if (const auto* links = in.raw("links")) p.links = *links;
    in.finish();
    return json_response(200, disclosure::update_draft(call.db, call.actor(), id, p));
  });

  api.route(Method::DELETE, "/api/v1/disclosures/{id}", "disclosure:publication:write", [](Call& call) {
    disclosure::delete_draft(call.db, call.actor(), disclosure_id(call.req));
    return Response::no_content();
  });

  api.route(Method::POST, "/api/v1/disclosures/{id}/publish", "disclosure:publication:publish",
            [&log](Call& call) {
              auto d = disclosure::publish(call.db, call.actor(), log, disclosure_id(call.req));
              return json_response(200, {{"log_index", d["log_index"]}, {"disclosure", d}});
            });

  api.route(Method::POST, "/api/v1/disclosures/{id}/correct", "disclosure:publication:publish",
            [&log](Call& call) {
              auto id = disclosure_id(call.req);
              auto in = JsonInput::parse(call.req);
              // Either the correction's content, or a draft prepared with its own attachments.
              if (auto draft = in.optional_int("draft_id", 1, kMaxIndex)) {
                in.finish();
                auto d = disclosure::correct_with_draft(call.db, call.actor(), log, id, *draft);
                return json_response(201, {{"log_index", d["log_index"]}, {"disclosure", d}});
              }
              auto content = content_of(in);
              in.finish();
              auto d = disclosure::correct(call.db, call.actor(), log, id, content);
              return json_response(201, {{"log_index", d["log_index"]}, {"disclosure", d}});
            });

  api.route(Method::POST, "/api/v1/disclosures/{id}/withdraw", "disclosure:publication:publish",
            [&log](Call& call) {
              auto id = disclosure_id(call.req);
              auto in = JsonInput::parse(call.req);
              auto reason = in.required_string("reason", 500, TextKind::multiline);
              in.finish();
              auto d = disclosure::withdraw(call.db, call.actor(), log, id, reason);
              return json_response(200, {{"log_index", d["log_index"]}, {"disclosure", d}});
            });

  // The log is public: anyone (a resident, the district 纪委, a standard tlog tool) may follow
  // and check it without an account.
  api.route(Method::GET, "/log/checkpoint", Api::kPublic, [&log](Call& call) {
    // The log's signed checkpoint plus the stored witness cosignatures of that size. It changes
    // with every publication, so caches must revalidate (tlog-tiles: no caching beyond seconds).
    auto r = Response::text(200, disclosure::cosigned_checkpoint(call.db, log));
    r.headers["Cache-Control"] = "no-cache";
    return r;
  });
  api.route(Method::GET, "/log/key", Api::kPublic, [&log](Call&) {
    return Response::text(200, log.signer.vkey() + "\n");
  });
  api.route(Method::GET, "/log/entries/{index}", Api::kPublic, [](Call& call) {
    auto entry = disclosure::entry_at(call.db, static_cast<std::uint64_t>(path_id(call.req, "index", 0)));
    if (!entry) throw not_found("公开日志条目", "Log entry");
    return Response::json(200, *entry);
  });
  api.route(Method::GET, "/api/v1/log/proof/inclusion", Api::kPublic, [](Call& call) {
    auto index = query_int(call.req, "index", 0, kMaxIndex);
    auto size = query_int(call.req, "size", 1, kMaxIndex);
    if (!index) throw invalid_field("index", "不能为空", "is required");
    if (!size) throw invalid_field("size", "不能为空", "is required");
    return json_response(200, proof_json(disclosure::inclusion_proof(call.db, static_cast<std::uint64_t>(*index),
                                                                     static_cast<std::uint64_t>(*size))));
  });
  // Witnesses (c2sp.org/tlog-witness): registered keys, their cosignatures, the log's status.
  api.route(Method::GET, "/api/v1/log/witnesses", Api::kLoggedIn, [](Call& call) {
    return json_response(200, disclosure::list_witnesses(call.db));
  });
  api.route(Method::POST, "/api/v1/log/witnesses", "disclosure:log:admin", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto vkey = in.required_string("vkey", 300);
    in.finish();
    return json_response(201, disclosure::add_witness(call.db, call.actor(), vkey));
  });
  api.route(Method::POST, "/api/v1/log/cosignatures", Api::kPublic, [&log](Call& call) {
    return json_response(200, disclosure::accept_cosignatures(call.db, log, call.req.body, call.req.remote_ip));
  });
  // The admin screen's verify button: the same check as `qinglian log verify`.
  api.route(Method::POST, "/api/v1/log/verify", "disclosure:log:admin", [&log](Call& call) {
    auto r = disclosure::verify_log(call.db, log.signer.verifier());
    return json_response(200, {{"ok", r.ok},
                               {"first_mismatch", r.first_mismatch},
                               {"entries", r.entries},
                               {"checkpoints", r.checkpoints},
                               {"disclosures", r.disclosures}});
  });

  api.route(Method::GET, "/api/v1/log/status", "disclosure:publication:read", [&log](Call& call) {
    return json_response(200, disclosure::log_status(call.db, log));
  });
  api.route(Method::GET, "/api/v1/log/proof/consistency", Api::kPublic, [](Call& call) {
    auto from = query_int(call.req, "from", 0, kMaxIndex);
    auto to = query_int(call.req, "to", 0, kMaxIndex);
    if (!from) throw invalid_field("from", "不能为空", "is required");
    if (!to) throw invalid_field("to", "不能为空", "is required");
    return json_response(200, proof_json(disclosure::consistency_proof(call.db, static_cast<std::uint64_t>(*from),
                                                                       static_cast<std::uint64_t>(*to))));
  });
}

}  // namespace ql::http
