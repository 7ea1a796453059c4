#pragma once
// Flow charts (流程图) drawn as standalone SVG: no script, no external fonts, printable and
// viewable in any browser. The amount bands a flow distinguishes become side-by-side columns
// (swimlanes), so the head's, the joint meeting's and the 四议两公开 routes of one item can be
// compared at a glance; a decision diamond marks where the routes split by amount, and every
// 廉政风险点 is numbered on its step in its level's colour with a legend below the chart.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "power/flow.hpp"
#include "power/routing.hpp"

namespace ql::power {

struct FlowChartOptions {
  std::string title;                     // drawn at the top; empty = no title line
  std::string subtitle;                  // e.g. the legal basis or the version
  std::optional<AmountBand> band;        // draw only this band's route (one column)
  std::optional<Thresholds> thresholds;  // labels the columns with their amount ranges
  bool english = false;                  // role, band and kind labels in English
};

// The flow as an SVG document (UTF-8, starts with "<svg"). All text is XML-escaped.
std::string render_flow_svg(const Flow& flow, const FlowChartOptions& options);

// Helpers shared by the other 三图三表 renderers.
namespace svg {
// Escapes &, <, >, " and ' for text and attribute values.
std::string escape(const std::string& text);
// Splits `text` into lines no wider than `max_width` pixels at `font_size` (CJK counted as one
// em, other characters as 0.55 em); breaks between characters, never inside a UTF-8 sequence.
std::vector<std::string> wrap(const std::string& text, double max_width, double font_size);
// The font-family list every chart uses, so CJK text renders wherever a CJK font is installed.
extern const char* const kFontFamily;
}  // namespace svg

// Display names used on charts and tables.
std::string role_label(const std::string& role, bool english = false);
std::string band_label(AmountBand band, bool english = false);
std::string kind_label(StepKind kind, bool english = false);
std::string level_label(RiskLevel level, bool english = false);
std::string meeting_body_label(const std::string& body, bool english = false);

}  // namespace ql::power
