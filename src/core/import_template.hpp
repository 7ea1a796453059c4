#pragma once
// Downloadable import templates: the exact header row an importer expects plus example rows,
// as .xlsx and CSV, so a user starts from a file that imports rather than from a description.
// The voucher template's headers are the contract of issue 4's voucher import.
#include <string>
#include <vector>

#include "core/table_reader.hpp"
#include "core/xlsx_writer.hpp"

namespace ql::import_template {

// A template: the table (headers and examples) and the import's column specs, which must name
// the same columns in the same order.
struct Template {
  std::string file_name;  // without extension, e.g. "凭证导入模板"
  xlsx::Table table;
  std::vector<table::ColumnSpec> columns;
};

// Builds a template from column specs (their names become the headers; kinds format the
// example cells). Throws std::invalid_argument when kinds and specs differ in number or an
// example row has another width (programming errors).
Template build(std::string file_name, std::string sheet_name, std::vector<table::ColumnSpec> columns,
               std::vector<xlsx::ColumnKind> kinds, std::vector<std::vector<xlsx::Cell>> examples);

// The voucher headers, in order: 日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数.
const std::vector<std::string>& voucher_headers();

// The voucher import's columns (all of the headers above; 往来单位, 结算方式, 附件数 and 科目名称
// optional) with the aliases other software uses.
std::vector<table::ColumnSpec> voucher_columns();

// The voucher template with two example rows forming one balanced voucher.
Template voucher_template();

}  // namespace ql::import_template
