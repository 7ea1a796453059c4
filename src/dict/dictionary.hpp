#pragma once
// Dictionaries (数据字典): the enumerations screens show (categories, statuses, levels), with
// zh-CN and English labels, editable by admins. Modules seed their own types.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "store/database.hpp"

namespace ql::dict {

struct Item {
  std::string value, label_zh, label_en;
  int sort = 0;
  bool enabled = true;
};
struct Type {
  std::string code, name_zh, name_en;
  bool builtin = false;
  std::vector<Item> items;
};

// Inserts the built-in types and items that are missing; existing labels are kept.
void seed_builtin(store::Connection& c);

// Every type with its items (disabled items included, flagged).
nlohmann::json list(store::Connection& c, const auth::Principal& actor);
nlohmann::json create_type(store::Connection& c, const auth::Principal& actor, const Type& t);
nlohmann::json add_item(store::Connection& c, const auth::Principal& actor, const std::string& type,
                        const Item& item);
struct ItemPatch {
  std::optional<std::string> label_zh, label_en;
  std::optional<int> sort;
  std::optional<bool> enabled;
};
nlohmann::json update_item(store::Connection& c, const auth::Principal& actor, const std::string& type,
                           const std::string& value, const ItemPatch& patch);

}  // namespace ql::dict
