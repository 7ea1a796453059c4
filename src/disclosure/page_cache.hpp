#pragma once
// Rendered resident pages kept in memory, keyed by their ETag (public_page_etag). The tag
// changes whenever anything the page shows could change (that is its contract, which the
// 304 answers already rely on), so the page rendered for a tag stays right for as long as the
// tag is current: a repeat request only computes the tag and copies the bytes, and a publish,
// correction or withdrawal (a new log size) is visible on the very next request. Each server
// process keeps its own cache; the tag is computed from the database on every request, so
// several processes on one database stay correct.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ql::disclosure {

// A rendered page and its gzip encoding (made once, when the page is rendered).
struct RenderedPage {
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip;
};

class PageCache {
 public:
  // Holds at most max_pages pages; when full it is emptied (old tags are never asked for
  // again, and re-rendering the current ones is the only cost).
  explicit PageCache(std::size_t max_pages = 256) : max_pages_(max_pages) {}

  // The page cached under `etag`, or else render()'s result (and its gzip), cached under it.
  // Thread-safe; render() runs without the lock, so two threads may both render a new tag once.
  RenderedPage get_or_render(const std::string& etag, const std::function<std::string()>& render);

  // Number of cached pages (for tests).
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, RenderedPage> pages_;
  std::size_t max_pages_;
};

// The page last served for each address (region and text size), so that a busy page needs no
// database query at all: the tag is trusted without recomputing it while no transaction has
// committed in this process (store::commit_generation) and for at most max_age. Writes made
// through this server therefore show on the next request; writes by another process on the
// same database (a second server, the CLI) show within max_age.
class FreshPages {
 public:
  struct Page {
    std::string etag;
    RenderedPage rendered;
  };
  using Clock = std::chrono::steady_clock;

  explicit FreshPages(Clock::duration max_age = std::chrono::seconds(1), std::size_t max_pages = 1024)
      : max_age_(max_age), max_pages_(max_pages) {}

  // The page remembered for `key` if it was validated at a time no older than max_age before
  // `now` and at commit generation `generation`; nullopt otherwise.
  std::optional<Page> fresh(const std::string& key, std::uint64_t generation, Clock::time_point now) const;
  // Remembers `page` for `key` as validated against the database at `validated_at`, when the
  // commit generation was `generation` (read before the validating queries ran).
  void remember(const std::string& key, Page page, std::uint64_t generation, Clock::time_point validated_at);

 private:
  struct Entry {
    Page page;
    std::uint64_t generation;
    Clock::time_point validated_at;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  Clock::duration max_age_;
  std::size_t max_pages_;
};

}  // namespace ql::disclosure
