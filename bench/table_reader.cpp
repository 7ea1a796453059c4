// bench_table_reader: import parsing throughput (issue 4's target: a million voucher lines from
// CSV at no less than half the raw SQLite insert rate, so parsing must be far faster than that).
// Generates a voucher file of N lines (default 1,000,000) as CSV and as .xlsx and reports, in
// the same run and on the same bytes:
//   csv  baseline   memchr line splitting (the least any reader must do)
//   csv  read       table::read with the voucher columns + money::parse_yuan of both amounts
//   csv  gb18030    the same file in GB18030: iconv conversion + read
//   xlsx baseline   inflating the worksheet part only (minizip)
//   xlsx read       table::read (inflate + expat + shared strings) + money parsing
// Usage: bench_table_reader [lines]
#include <minizip/unzip.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iconv.h>
#include <sstream>
#include <string>

#include "core/import_template.hpp"
#include "core/money.hpp"
#include "core/table_reader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

const char* const kSummaries[] = {"收到土地承包费", "支付村道维修款", "提取备用金", "收到上级补助资金", "支付保洁人员工资"};
const char* const kParties[] = {"张三", "李四", "青莲街道财政所", "荷风建筑工程有限公司", ""};

struct Line {
  char date[32];
  long voucher;
  const char* summary;
  const char* code;
  const char* name;
  long long debit, credit;  // fen, one of them 0
  const char* party;
};

Line line_of(long i) {
  Line l{};
  std::snprintf(l.date, sizeof l.date, "2026-%02ld-%02ld", 1 + (i / 2 / 3000) % 12, 1 + (i / 2) % 28);
  l.voucher = i / 2 + 1;
  l.summary = kSummaries[(i / 2) % 5];
  const bool debit_side = i % 2 == 0;
  l.code = debit_side ? "102" : "511";
  l.name = debit_side ? "银行存款" : "发包及上交收入";
  const long long amount = 100 + (i / 2) * 7919 % 10'000'000;
  l.debit = debit_side ? amount : 0;
  l.credit = debit_side ? 0 : amount;
  l.party = kParties[(i / 2) % 5];
  return l;
}

std::string yuan(long long fen) { return fen ? ql::money::format_yuan(fen) : std::string(); }

std::string make_csv(long lines) {
  std::string out = "\xEF\xBB\xBF日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数\r\n";
  out.reserve(static_cast<std::size_t>(lines) * 100);
  for (long i = 0; i < lines; ++i) {
    const auto l = line_of(i);
    auto quoted = [](const std::string& s) { return s.find(',') != std::string::npos ? "\"" + s + "\"" : s; };
    out += std::string(l.date) + "," + std::to_string(l.voucher) + "," + l.summary + "," + l.code + "," + l.name + "," +
           quoted(yuan(l.debit)) + "," + quoted(yuan(l.credit)) + "," + l.party + ",转账,1\r\n";
  }
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string make_xlsx(long lines) {
  const auto path = (std::filesystem::temp_directory_path() / ("ql-bench-" + std::to_string(::getpid()) + ".xlsx")).string();
  lxw_workbook_options options{};
  options.constant_memory = 0;  // shared strings, as Excel itself writes them
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "凭证");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  const auto& headers = ql::import_template::voucher_headers();
  for (std::size_t c = 0; c < headers.size(); ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), nullptr);
  for (long i = 0; i < lines; ++i) {
    const auto l = line_of(i);
    const auto r = static_cast<lxw_row_t>(i + 1);
    lxw_datetime d{std::atoi(l.date), std::atoi(l.date + 5), std::atoi(l.date + 8), 0, 0, 0};
    worksheet_write_datetime(ws, r, 0, &d, date);
    worksheet_write_number(ws, r, 1, static_cast<double>(l.voucher), nullptr);
    worksheet_write_string(ws, r, 2, l.summary, nullptr);
    worksheet_write_string(ws, r, 3, l.code, nullptr);
    worksheet_write_string(ws, r, 4, l.name, nullptr);
    if (l.debit) worksheet_write_number(ws, r, 5, static_cast<double>(l.debit) / 100, nullptr);
    if (l.credit) worksheet_write_number(ws, r, 6, static_cast<double>(l.credit) / 100, nullptr);
    if (*l.party) worksheet_write_string(ws, r, 7, l.party, nullptr);
    worksheet_write_string(ws, r, 8, "转账", nullptr);
    worksheet_write_number(ws, r, 9, 1, nullptr);
  }
  workbook_close(wb);
  auto bytes = slurp(path);
  std::filesystem::remove(path);
  return bytes;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// This process's CPU time: on a shared build machine wall time mostly measures the neighbours.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_now();
};

// Rates are per CPU second; the wall time is shown for reference.
void report(const char* what, long rows, const Timer& t, std::size_t bytes) {
  const double cpu = cpu_now() - t.cpu, wall = seconds_since(t.wall);
  std::printf("%-14s %9ld rows  cpu %7.3f s  wall %7.3f s  %11.0f rows/s  %7.1f MB/s\n", what, rows, cpu, wall,
              rows / cpu, static_cast<double>(bytes) / 1e6 / cpu);
}

// Parses every row as an importer would: all ten cells looked at, both amounts to fen.
long read_vouchers(std::string bytes, long long& total_fen) {
  const auto columns = ql::import_template::voucher_columns();
  long rows = 0;
  ql::table::read(std::move(bytes), columns, [&](const ql::table::Row& r) {
    ++rows;
    for (int c : {5, 6})
      if (!r[static_cast<std::size_t>(c)].empty()) {
        const auto m = ql::money::parse_yuan(r[static_cast<std::size_t>(c)]);
        if (!m) std::abort();
        total_fen += m.fen;
      }
  });
  return rows;
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string in = utf8.substr(3), out(in.size() * 2, '\0');
  char* ip = in.data();
  char* op = out.data();
  std::size_t il = in.size(), ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const long lines = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  std::printf("voucher lines: %ld\n", lines);

  const auto csv = make_csv(lines);
  std::printf("csv: %.1f MB\n", static_cast<double>(csv.size()) / 1e6);
  {
    Timer t;
    long n = 0;
    for (const char* p = csv.data(); (p = static_cast<const char*>(std::memchr(p, '\n', csv.data() + csv.size() - p))); ++p) ++n;
    report("csv baseline", n - 1, t, csv.size());
  }
  long long total = 0;
  {
    Timer t;
    const long n = read_vouchers(csv, total);
    report("csv read", n, t, csv.size());
  }
  {
    const auto gb = to_gb18030(csv);
    long long total_gb = 0;
    Timer t;
    const long n = read_vouchers(gb, total_gb);
    report("csv gb18030", n, t, gb.size());
    if (total_gb != total) std::abort();
  }

  auto t0 = Clock::now();
  const auto xlsx = make_xlsx(lines);
  std::printf("xlsx: %.1f MB (written in %.1f s)\n", static_cast<double>(xlsx.size()) / 1e6, seconds_since(t0));
  {
    // Baseline: inflate the worksheet part, nothing else.
    const auto path = (std::filesystem::temp_directory_path() / ("ql-bench-in-" + std::to_string(::getpid()) + ".xlsx")).string();
    std::ofstream(path, std::ios::binary) << xlsx;
    Timer t;
    unzFile zf = unzOpen64(path.c_str());
    std::size_t inflated = 0;
    if (zf && unzLocateFile(zf, "xl/worksheets/sheet1.xml", 0) == UNZ_OK && unzOpenCurrentFile(zf) == UNZ_OK) {
      std::string buf(1 << 16, '\0');
      int n;
      while ((n = unzReadCurrentFile(zf, buf.data(), static_cast<unsigned>(buf.size()))) > 0) inflated += static_cast<std::size_t>(n);
      unzCloseCurrentFile(zf);
    }
    if (zf) unzClose(zf);
    report("xlsx baseline", lines, t, inflated);
    std::filesystem::remove(path);
  }
  {
    long long total_x = 0;
    Timer t;
    const long n = read_vouchers(xlsx, total_x);
    report("xlsx read", n, t, xlsx.size());
    if (total_x != total) std::abort();  // the same amounts, to the fen, from both formats
  }
  return 0;
}
