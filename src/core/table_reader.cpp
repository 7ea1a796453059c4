#include "core/table_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/xlsx_reader.hpp"

namespace ql::table {
namespace {

std::string normalize_header(std::string_view s) {
  s = trim(s);
  while (s.ends_with('*') || s.ends_with("\xEF\xBC\x8A")) {  // '*' or full-width '＊'
    s.remove_suffix(s.ends_with('*') ? 1 : 3);
    s = trim(s);
  }
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Maps header cells (by file column index) to specs; throws for missing/duplicate columns.
class HeaderMap {
 public:
  explicit HeaderMap(const std::vector<ColumnSpec>& specs) : specs_(specs) {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      names_.emplace_back(normalize_header(specs[i].name), i);
      for (const auto& a : specs[i].aliases) names_.emplace_back(normalize_header(a), i);
    }
  }

  // header_cells: (file column, text).
  void map(const std::vector<std::pair<int, std::string_view>>& header_cells) {
    std::vector<int> found(specs_.size(), -1);
    int width = 0;
    for (const auto& [col, text] : header_cells) width = std::max(width, col + 1);
    spec_of_col_.assign(static_cast<std::size_t>(width), -1);
    for (const auto& [col, text] : header_cells) {
      const auto key = normalize_header(text);
      if (key.empty()) continue;
      auto it = std::find_if(names_.begin(), names_.end(), [&](const auto& n) { return n.first == key; });
      if (it == names_.end()) continue;  // extra columns are allowed
      const auto spec = it->second;
      if (found[spec] >= 0)
        throw bad_request("duplicate_column", "表头中“" + specs_[spec].name + "”列出现了两次",
                          "The header has column '" + specs_[spec].name + "' twice", specs_[spec].name);
      found[spec] = col;
      spec_of_col_[static_cast<std::size_t>(col)] = static_cast<int>(spec);
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < specs_.size(); ++i)
      if (found[i] < 0 && specs_[i].required) missing.push_back(specs_[i].name);
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
      std::string list_en;
      for (const auto& m : missing) list_en += (list_en.empty() ? "" : ", ") + m;
      throw bad_request("missing_column", "表头缺少必需的列:" + list, "The header lacks required column(s): " + list_en,
                        missing.front());
    }
    present_.clear();
    for (int f : found) present_.push_back(f >= 0);
  }

  // Spec index for a file column, or -1.
  int spec_of(int col) const {
    return col >= 0 && static_cast<std::size_t>(col) < spec_of_col_.size() ? spec_of_col_[static_cast<std::size_t>(col)]
                                                                            : -1;
  }
  const std::vector<bool>& present() const { return present_; }

 private:
  const std::vector<ColumnSpec>& specs_;
  std::vector<std::pair<std::string, std::size_t>> names_;
  std::vector<int> spec_of_col_;
  std::vector<bool> present_;
};

Error too_many_rows(std::size_t max) {
  return bad_request("too_many_rows", "文件超过 " + std::to_string(max) + " 行数据,请分批导入",
                     "The file has more than " + std::to_string(max) + " data rows; import it in parts", "file");
}

}  // namespace

std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    else if (s.starts_with("\xC2\xA0")) s.remove_prefix(2);
    else if (s.starts_with("\xE3\x80\x80") || s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    else break;
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    else if (s.ends_with("\xC2\xA0")) s.remove_suffix(2);
    else if (s.ends_with("\xE3\x80\x80") || s.ends_with("\xEF\xBB\xBF")) s.remove_suffix(3);
    else break;
  }
  return s;
}

std::string_view Row::get(std::string_view column) const {
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].name == column) return cells_[i];
  throw std::logic_error("table::Row::get: no column " + std::string(column));
}

Format sniff(std::string_view bytes) { return bytes.starts_with("PK\x03\x04") ? Format::xlsx : Format::csv; }

Summary read(std::string bytes, const std::vector<ColumnSpec>& specs, const std::function<void(const Row&)>& on_row,
             const Options& options) {
  Summary summary;
  summary.format = sniff(bytes);
  HeaderMap header(specs);
  bool have_header = false;
  std::vector<std::string_view> cells(specs.size());
  std::vector<std::pair<int, std::string_view>> header_cells;

  // Delivers a data row whose mapped cells are already in `cells`.
  auto deliver = [&](int number) {
    if (std::all_of(cells.begin(), cells.end(), [](std::string_view c) { return c.empty(); })) return;
    if (++summary.rows > options.max_rows) throw too_many_rows(options.max_rows);
    on_row(Row(number, specs, cells));
  };
  auto take_header = [&](int number) {
    header.map(header_cells);
    summary.header_row = number;
    summary.present = header.present();
    have_header = true;
  };

  if (summary.format == Format::xlsx) {
    summary.encoding = "xlsx";
    xlsx::read_sheet(bytes, options.sheet, [&](const xlsx::RowView& r) {
      if (!have_header) {
        header_cells.clear();
        for (const auto& c : r.cells) header_cells.emplace_back(c.column, c.text);
        if (std::all_of(header_cells.begin(), header_cells.end(), [](const auto& h) { return trim(h.second).empty(); }))
          return;
        take_header(r.number);
        return;
      }
      std::fill(cells.begin(), cells.end(), std::string_view());
      for (const auto& c : r.cells)
        if (const int s = header.spec_of(c.column); s >= 0) cells[static_cast<std::size_t>(s)] = trim(c.text);
      deliver(r.number);
    });
  } else {
    encoding::Encoding enc;
    const std::string text = encoding::decode(std::move(bytes), &enc);
    summary.encoding = std::string(encoding::name(enc));
    csv::for_each_record(text, [&](const csv::RecordView& r) {
      if (!have_header) {
        header_cells.clear();
        for (std::size_t i = 0; i < r.fields.size(); ++i) header_cells.emplace_back(static_cast<int>(i), r.fields[i]);
        if (std::all_of(header_cells.begin(), header_cells.end(), [](const auto& h) { return trim(h.second).empty(); }))
          return;
        take_header(r.row);
        return;
      }
      std::fill(cells.begin(), cells.end(), std::string_view());
      for (std::size_t i = 0; i < r.fields.size(); ++i)
        if (const int s = header.spec_of(static_cast<int>(i)); s >= 0)
          cells[static_cast<std::size_t>(s)] = trim(r.fields[i]);
      deliver(r.row);
    });
  }
  if (!have_header) throw bad_request("empty_file", "文件为空(没有表头行)", "The file is empty (no header row)", "file");
  return summary;
}

void Problems::add(int row, std::string column, std::string code, std::string message_zh, std::string message_en) {
  ++count_;
  if (list_.size() < cap_) {
    RowProblem p{row, std::move(column), std::move(message_zh), std::move(message_en)};
    p.code = std::move(code);
    list_.push_back(std::move(p));
  }
}

void Problems::throw_if_any(const std::string& code) const {
  if (count_ == 0) return;
  std::string zh = "导入文件有 " + std::to_string(count_) + " 处错误,未写入任何数据";
  std::string en = "The file has " + std::to_string(count_) + " problem(s); nothing was imported";
  if (count_ > list_.size()) {
    zh += "(仅列出前 " + std::to_string(list_.size()) + " 处)";
    en += " (the first " + std::to_string(list_.size()) + " are listed)";
  }
  throw Error(bad_request(code, zh, en, "file")).with_problems(list_);
}

}  // namespace ql::table
