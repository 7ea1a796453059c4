// Routes: /api/v1/dicts (dictionaries and their items).
#include "dict/dictionary.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {

void register_dict_routes(Api& api) {
  api.route(Method::GET, "/api/v1/dicts", "system:dict:read", [](Call& call) {
    return json_response(200, dict::list(call.db, call.actor()));
  });

  api.route(Method::POST, "/api/v1/dicts", "system:dict:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    dict::Type t;
    t.code = in.required_string("code", 40);
    t.name_zh = in.required_string("name_zh", 50);
    t.name_en = in.required_string("name_en", 100);
    in.finish();
    return json_response(201, dict::create_type(call.db, call.actor(), t));
  });

  api.route(Method::POST, "/api/v1/dicts/{code}/items", "system:dict:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    dict::Item i;
    i.value = in.required_string("value", 40);
    i.label_zh = in.required_string("label_zh", 50);
    i.label_en = in.required_string("label_en", 100);
    i.sort = static_cast<int>(in.optional_int("sort", 0, 1'000'000).value_or(0));
    i.enabled = in.optional_bool("enabled").value_or(true);
    in.finish();
    return json_response(201, dict::add_item(call.db, call.actor(), call.req.path_param("code"), i));
  });

  api.route(Method::PATCH, "/api/v1/dicts/{code}/items/{value}", "system:dict:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    dict::ItemPatch p;
    p.label_zh = in.optional_string("label_zh", 50);
    p.label_en = in.optional_string("label_en", 100);
    if (auto s = in.optional_int("sort", 0, 1'000'000)) p.sort = static_cast<int>(*s);
    p.enabled = in.optional_bool("enabled");
    in.finish();
    return json_response(200, dict::update_item(call.db, call.actor(), call.req.path_param("code"),
                                                call.req.path_param("value"), p));
  });
}

}  // namespace ql::http
