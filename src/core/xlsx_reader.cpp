#include "core/xlsx_reader.hpp"

#include <expat.h>
#include <minizip/unzip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>

#include "core/error.hpp"

namespace ql::xlsx {
namespace {

Error invalid(const std::string& zh, const std::string& en) {
  return bad_request("invalid_xlsx", "无法读取 Excel 文件:" + zh, "Cannot read the Excel file: " + en, "file");
}

// ---- ZIP from memory: minizip reads through these callbacks instead of a FILE*.

struct MemFile {
  const char* data;
  std::uint64_t size;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemFile*>(stream);
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(size, f->size - f->pos));
  std::memcpy(buf, f->data + f->pos, n);
  f->pos += n;
  return n;
}
uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) { return static_cast<MemFile*>(stream)->pos; }
long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemFile*>(stream);
  std::uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = f->pos;
  else if (origin == ZLIB_FILEFUNC_SEEK_END) base = f->size;
  else if (origin != ZLIB_FILEFUNC_SEEK_SET) return -1;
  if (offset > f->size - std::min(base, f->size)) return -1;
  f->pos = base + offset;
  return 0;
}
int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

class Zip {
 public:
  explicit Zip(std::string_view bytes) : file_{bytes.data(), bytes.size()} {
    if (!bytes.starts_with("PK\x03\x04"))
      throw invalid("不是 .xlsx 文件(不是 ZIP 压缩包)", "not an .xlsx file (not a ZIP archive)");
    zlib_filefunc64_def io{};
    io.zopen64_file = mem_open;
    io.zread_file = mem_read;
    io.zwrite_file = mem_write;
    io.ztell64_file = mem_tell;
    io.zseek64_file = mem_seek;
    io.zclose_file = mem_close;
    io.zerror_file = mem_error;
    io.opaque = &file_;
    zip_ = unzOpen2_64("memory", &io);
    if (!zip_) throw invalid("ZIP 压缩包已损坏", "the ZIP archive is damaged");
  }
  ~Zip() { unzClose(zip_); }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  // Inflates part `name` chunk by chunk into sink; false when there is no such part. The cap
  // counts bytes actually inflated, since the sizes in a ZIP header can lie.
  template <typename Sink>
  bool read(const std::string& name, std::uint64_t max_bytes, Sink&& sink) {
    if (unzLocateFile(zip_, name.c_str(), 2 /* case-insensitive */) != UNZ_OK) return false;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      throw invalid("ZIP 目录已损坏", "damaged ZIP directory");
    if (info.uncompressed_size > max_bytes) throw too_big(name, max_bytes);
    if (unzOpenCurrentFile(zip_) != UNZ_OK) throw invalid("无法解压 " + name, "cannot inflate " + name);
    std::vector<char> buf(1 << 16);
    std::uint64_t total = 0;
    for (;;) {
      const int n = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        throw invalid(name + " 解压失败", "inflating " + name + " failed");
      }
      if (n == 0) break;
      total += static_cast<std::uint64_t>(n);
      if (total > max_bytes) {
        unzCloseCurrentFile(zip_);
        throw too_big(name, max_bytes);
      }
      sink(buf.data(), static_cast<std::size_t>(n), false);
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK)  // also checks the CRC
      throw invalid(name + " 校验失败", "checksum of " + name + " does not match");
    sink(buf.data(), 0, true);
    return true;
  }

 private:
  static Error too_big(const std::string& name, std::uint64_t max) {
    return invalid(name + " 解压后超过 " + std::to_string(max) + " 字节(疑似压缩炸弹或表格过大)",
                   name + " inflates to more than " + std::to_string(max) + " bytes (a zip bomb, or too big)");
  }
  MemFile file_;
  unzFile zip_ = nullptr;
};

// ---- XML through expat: handlers get local names (prefix stripped) and attributes.

std::string_view local(const XML_Char* name) {
  std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const XML_Char** atts, std::string_view want) {
  for (int i = 0; atts[i]; i += 2)
    if (local(atts[i]) == want) return atts[i + 1];
  return nullptr;
}

// Subclasses implement start/end/text; parse() feeds one ZIP part.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XML_Char** atts) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(const char*, int) {}

  // Parses part `name`; false if absent. Errors carry the part and line.
  bool parse(Zip& zip, const std::string& name, std::uint64_t max_bytes) {
    XML_Parser p = XML_ParserCreate(nullptr);
    if (!p) throw std::bad_alloc();
    struct Guard {
      XML_Parser p;
      ~Guard() { XML_ParserFree(p); }
    } guard{p};
    parser_ = p;
    XML_SetUserData(p, this);
    XML_SetElementHandler(
        p, [](void* self, const XML_Char* n, const XML_Char** a) { static_cast<XmlHandler*>(self)->on_start(n, a); },
        [](void* self, const XML_Char* n) { static_cast<XmlHandler*>(self)->on_end(n); });
    XML_SetCharacterDataHandler(
        p, [](void* self, const XML_Char* s, int len) { static_cast<XmlHandler*>(self)->text(s, len); });
    // No DOCTYPE in a workbook part: refusing it rules out entity-expansion bombs.
    XML_SetStartDoctypeDeclHandler(p, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      auto* h = static_cast<XmlHandler*>(self);
      h->doctype_ = true;
      XML_StopParser(h->parser_, XML_FALSE);
    });
    return zip.read(name, max_bytes, [&](const char* data, std::size_t n, bool last) {
      if (XML_Parse(p, data, static_cast<int>(n), last) == XML_STATUS_ERROR) {
        if (pending_) std::rethrow_exception(pending_);
        if (doctype_) throw invalid(name + " 含有 DOCTYPE", name + " contains a DOCTYPE");
        const auto line = std::to_string(XML_GetCurrentLineNumber(p));
        throw invalid(name + " 第 " + line + " 行 XML 格式错误:" + XML_ErrorString(XML_GetErrorCode(p)),
                      name + " line " + line + ": malformed XML: " + XML_ErrorString(XML_GetErrorCode(p)));
      }
    });
  }

 protected:
  // Stops parsing with an exception that parse() rethrows (exceptions must not cross expat).
  void fail(std::exception_ptr e) {
    if (!pending_) pending_ = e;
    XML_StopParser(parser_, XML_FALSE);
  }

 private:
  void on_start(const XML_Char* n, const XML_Char** a) {
    if (pending_) return;
    try {
      start(local(n), a);
    } catch (...) {
      fail(std::current_exception());
    }
  }
  void on_end(const XML_Char* n) {
    if (pending_) return;
    try {
      end(local(n));
    } catch (...) {
      fail(std::current_exception());
    }
  }

  XML_Parser parser_ = nullptr;
  bool doctype_ = false;
  std::exception_ptr pending_;
};

// ---- workbook.xml, its relationships, styles.xml, sharedStrings.xml

struct SheetRef {
  std::string name, rel_id;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetRef> sheets;
  bool date1904 = false;
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "sheet") {
      const char* n = attr(atts, "name");
      const char* id = nullptr;
      for (int i = 0; atts[i]; i += 2)  // r:id, whatever the prefix
        if (std::strchr(atts[i], ':') && local(atts[i]) == "id") id = atts[i + 1];
      sheets.push_back({n ? n : "", id ? id : ""});
    } else if (name == "workbookPr") {
      const char* d = attr(atts, "date1904");
      date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
    }
  }
  void end(std::string_view) override {}
};

class RelsHandler : public XmlHandler {
 public:
  std::map<std::string, std::string> targets;  // Id -> part name
  std::string shared_strings, styles;
  void start(std::string_view name, const XML_Char** atts) override {
    if (name != "Relationship") return;
    const char* id = attr(atts, "Id");
    const char* target = attr(atts, "Target");
    const char* type = attr(atts, "Type");
    if (!id || !target) return;
    std::string path = target;
    // Targets are relative to xl/ unless absolute within the package.
    path = path.starts_with('/') ? path.substr(1) : "xl/" + path;
    targets[id] = path;
    const std::string_view t = type ? type : "";
    if (t.ends_with("/sharedStrings")) shared_strings = path;
    if (t.ends_with("/styles")) styles = path;
  }
  void end(std::string_view) override {}
};

enum class FormatKind : unsigned char { number, date, time };

FormatKind kind_of_code(std::string_view code) {
  bool y = false, d = false, m = false, h = false, s = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {  // literal text, e.g. yyyy"年"
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {  // escaped / spacing / fill character
      ++i;
    } else if (c == '[') {  // [Red], [$-804], [DBNum1]; but [h]/[mm]/[ss] are elapsed time
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const auto inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos) h = true;
      i = close;
    } else {
      switch (c | 0x20) {  // ASCII lower case
        case 'y': y = true; break;
        case 'd': d = true; break;
        case 'm': m = true; break;
        case 'h': h = true; break;
        case 's': s = true; break;
        default: break;
      }
    }
  }
  if (y || d || (m && !h && !s)) return FormatKind::date;
  if (h || s) return FormatKind::time;
  return FormatKind::number;
}

FormatKind builtin_kind(int id) {
  // 14-17, 22: dates; 18-21, 45-47: times. 27-36 and 50-58 are the built-in CJK formats a
  // Chinese Excel writes by id only (e.g. 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分").
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58))
    return FormatKind::date;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47)) return FormatKind::time;
  return FormatKind::number;
}

int to_int(const char* s, int fallback = -1) {
  if (!s) return fallback;
  int v = 0;
  auto [p, ec] = std::from_chars(s, s + std::strlen(s), v);
  return ec == std::errc() && *p == '\0' ? v : fallback;
}

class StylesHandler : public XmlHandler {
 public:
  std::vector<FormatKind> xf_kinds;  // by cell style index (the s attribute)
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "numFmt") {
      const char* code = attr(atts, "formatCode");
      custom_[to_int(attr(atts, "numFmtId"))] = kind_of_code(code ? code : "");
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const int id = to_int(attr(atts, "numFmtId"), 0);
      auto it = custom_.find(id);
      xf_kinds.push_back(it != custom_.end() ? it->second : builtin_kind(id));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  std::map<int, FormatKind> custom_;
  bool in_cell_xfs_ = false;
};

// Shared strings in one arena: a workbook may hold a million of them.
class SharedStringsHandler : public XmlHandler {
 public:
  std::string arena;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // offset, length
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") start_ = arena.size();
    else if (name == "rPh") ++phonetic_;  // pinyin/furigana runs are not part of the text
    else if (name == "t" && phonetic_ == 0) capture_ = true;
  }
  void end(std::string_view name) override {
    if (name == "si") spans.emplace_back(start_, arena.size() - start_);
    else if (name == "rPh") --phonetic_;
    else if (name == "t") capture_ = false;
  }
  void text(const char* s, int len) override {
    if (capture_) arena.append(s, static_cast<std::size_t>(len));
  }
  std::string_view at(std::size_t i) const {
    return std::string_view(arena).substr(spans[i].first, spans[i].second);
  }

 private:
  std::size_t start_ = 0;
  int phonetic_ = 0;
  bool capture_ = false;
};

// Column letters of a cell reference ("AB12") to a 0-based index; -1 if malformed.
int column_of(const char* ref) {
  int col = 0, letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters) {
    col = col * 26 + (*ref - 'A' + 1);
    if (letters >= 3) return -1;
  }
  return letters == 0 ? -1 : col - 1;
}

std::string shortest_fixed(double v) {
  char buf[400];  // fixed notation of the largest double needs 309 digits
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc()) return std::to_string(v);
  return std::string(buf, end);
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStringsHandler& ss, const std::vector<FormatKind>& kinds, bool date1904,
               const ReadLimits& limits, const std::function<void(const RowView&)>& on_row)
      : ss_(ss), kinds_(kinds), date1904_(date1904), limits_(limits), on_row_(on_row) {}

  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "row") {
      const int r = to_int(attr(atts, "r"), 0);
      if (const char* ra = attr(atts, "r"); ra && r <= 0)
        throw invalid(std::string("行号无效:") + ra, std::string("invalid row number ") + ra);
      row_ = r > 0 ? r : row_ + 1;
      if (row_ > limits_.max_rows)
        throw invalid("工作表超过 " + std::to_string(limits_.max_rows) + " 行",
                      "the sheet has more than " + std::to_string(limits_.max_rows) + " rows");
      spans_.clear();
      arena_.clear();
      col_ = -1;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      const char* ref = attr(atts, "r");
      const int c = ref ? column_of(ref) : col_ + 1;
      if (c < 0) throw invalid(std::string("单元格引用无效:") + ref, std::string("invalid cell reference ") + ref);
      if (c >= limits_.max_columns)
        throw invalid("工作表超过 " + std::to_string(limits_.max_columns) + " 列",
                      "the sheet has more than " + std::to_string(limits_.max_columns) + " columns");
      col_ = c;
      const char* t = attr(atts, "t");
      type_ = t ? t : "n";
      style_ = to_int(attr(atts, "s"), 0);
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_ && name == "v") {
      capture_ = true;
    } else if (in_cell_ && name == "rPh") {
      ++phonetic_;
    } else if (in_cell_ && name == "t" && phonetic_ == 0) {
      capture_ = true;
    }
  }

  void end(std::string_view name) override {
    if (name == "v" || name == "t") {
      capture_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      finish_cell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      if (spans_.empty()) return;
      cells_.clear();
      for (const auto& s : spans_)
        cells_.push_back({s.column, s.type, s.shared ? s.shared_text : std::string_view(arena_).substr(s.off, s.len)});
      on_row_(RowView{row_, cells_});
    }
  }

  void text(const char* s, int len) override {
    if (capture_) value_.append(s, static_cast<std::size_t>(len));
  }

 private:
  struct Span {
    int column;
    CellType type;
    bool shared;
    std::string_view shared_text;
    std::size_t off, len;
  };

  void add(CellType type, std::string_view text) {
    if (text.empty()) return;  // an empty string is a blank cell, as in a CSV
    spans_.push_back({col_, type, false, {}, arena_.size(), text.size()});
    arena_.append(text);
  }

  void finish_cell() {
    if (value_.empty()) return;  // <c r="B2" s="3"/>: styled but blank, whatever its type
    const auto where = [&] { return "第 " + std::to_string(row_) + " 行"; };
    if (type_ == "s") {
      const int i = to_int(value_.c_str());
      if (i < 0 || static_cast<std::size_t>(i) >= ss_.spans.size())
        throw invalid(where() + "引用了不存在的共享字符串", "row " + std::to_string(row_) + " refers to a missing shared string");
      const auto text = ss_.at(static_cast<std::size_t>(i));
      if (!text.empty()) spans_.push_back({col_, CellType::string, true, text, 0, 0});
    } else if (type_ == "inlineStr" || type_ == "str") {
      add(CellType::string, value_);
    } else if (type_ == "b") {
      add(CellType::boolean, value_ == "1" || value_ == "true" ? "TRUE" : "FALSE");
    } else if (type_ == "e") {
      add(CellType::error, value_);
    } else if (type_ == "d") {  // ISO 8601 already (strict OOXML)
      auto v = std::string_view(value_);
      if (v.ends_with("T00:00:00")) v.remove_suffix(9);
      add(CellType::date, v);
    } else {
      double d = 0;
      const auto [p, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), d);
      if (ec != std::errc() || p != value_.data() + value_.size())
        throw invalid(where() + "的数字无效:" + value_, "row " + std::to_string(row_) + ": invalid number " + value_);
      const auto kind = style_ >= 0 && static_cast<std::size_t>(style_) < kinds_.size()
                            ? kinds_[static_cast<std::size_t>(style_)] : FormatKind::number;
      if (kind != FormatKind::number && d >= 0 && d < 2958466)  // up to 9999-12-31
        add(CellType::date, serial_to_iso(d, date1904_, kind == FormatKind::time));
      else
        add(CellType::number, shortest_fixed(d));
    }
  }

  const SharedStringsHandler& ss_;
  const std::vector<FormatKind>& kinds_;
  bool date1904_;
  const ReadLimits& limits_;
  const std::function<void(const RowView&)>& on_row_;

  int row_ = 0, col_ = -1, style_ = 0, phonetic_ = 0;
  bool in_row_ = false, in_cell_ = false, capture_ = false;
  std::string type_, value_, arena_;
  std::vector<Span> spans_;
  std::vector<CellView> cells_;
};

struct Workbook {
  WorkbookHandler book;
  RelsHandler rels;
};

void load_workbook(Zip& zip, Workbook& wb, const ReadLimits& limits) {
  if (!wb.book.parse(zip, "xl/workbook.xml", limits.max_part_bytes))
    throw invalid("缺少 xl/workbook.xml,可能不是 Excel 工作簿", "xl/workbook.xml is missing; not an Excel workbook?");
  wb.rels.parse(zip, "xl/_rels/workbook.xml.rels", limits.max_part_bytes);
  if (wb.book.sheets.empty()) throw invalid("工作簿中没有工作表", "the workbook has no worksheet");
}

}  // namespace

std::string serial_to_iso(double serial, bool date1904, bool time_only) {
  double whole = std::floor(serial);
  auto seconds = static_cast<long long>(std::llround((serial - whole) * 86400.0));
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  char time[64];
  std::snprintf(time, sizeof time, "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (time_only) return time;
  using namespace std::chrono;
  const auto days = static_cast<long long>(whole);
  std::string date;
  if (!date1904 && days == 60) {
    date = "1900-02-29";  // Lotus 1-2-3's leap-year bug, kept by Excel: the day does not exist
  } else {
    // 1900 system: serial 1 is 1900-01-01; from 61 on, one day less for the phantom 02-29.
    const sys_days base = date1904 ? sys_days(year{1904} / January / 1)
                                   : sys_days(year{1899} / December / (days < 60 ? 31 : 30));
    const year_month_day ymd{base + std::chrono::days(days)};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    date = buf;
  }
  if (seconds == 0) return date;
  return date + " " + time;
}

bool is_date_format(std::string_view format_code) { return kind_of_code(format_code) != FormatKind::number; }

std::vector<std::string> sheet_names(std::string_view xlsx_bytes) {
  Zip zip(xlsx_bytes);
  Workbook wb;
  load_workbook(zip, wb, ReadLimits{});
  std::vector<std::string> out;
  for (const auto& s : wb.book.sheets) out.push_back(s.name);
  return out;
}

void read_sheet(std::string_view xlsx_bytes, const std::string& sheet,
                const std::function<void(const RowView&)>& on_row, const ReadLimits& limits) {
  Zip zip(xlsx_bytes);
  Workbook wb;
  load_workbook(zip, wb, limits);
  const SheetRef* ref = &wb.book.sheets.front();
  if (!sheet.empty()) {
    ref = nullptr;
    for (const auto& s : wb.book.sheets)
      if (s.name == sheet) ref = &s;
    if (!ref) {
      std::string names;
      for (const auto& s : wb.book.sheets) names += (names.empty() ? "" : ", ") + s.name;
      throw invalid("没有名为“" + sheet + "”的工作表(有:" + names + ")",
                    "no worksheet named '" + sheet + "' (there are: " + names + ")");
    }
  }
  std::string part;
  if (auto it = wb.rels.targets.find(ref->rel_id); it != wb.rels.targets.end()) {
    part = it->second;
  } else {  // no relationships part: the conventional name
    const auto index = static_cast<std::size_t>(ref - wb.book.sheets.data()) + 1;
    part = "xl/worksheets/sheet" + std::to_string(index) + ".xml";
  }
  StylesHandler styles;
  styles.parse(zip, wb.rels.styles.empty() ? "xl/styles.xml" : wb.rels.styles, limits.max_part_bytes);
  SharedStringsHandler strings;
  strings.parse(zip, wb.rels.shared_strings.empty() ? "xl/sharedStrings.xml" : wb.rels.shared_strings,
                limits.max_part_bytes);
  SheetHandler handler(strings, styles.xf_kinds, wb.book.date1904, limits, on_row);
  if (!handler.parse(zip, part, limits.max_part_bytes))
    throw invalid("缺少工作表 " + part, "worksheet part " + part + " is missing");
}

}  // namespace ql::xlsx
