#include "disclosure/page_cache.hpp"

#include "core/gzip.hpp"

namespace ql::disclosure {

RenderedPage PageCache::get_or_render(const std::string& etag, const std::function<std::string()>& render) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = pages_.find(etag); it != pages_.end()) return it->second;
  }
  RenderedPage page;
  page.body = std::make_shared<const std::string>(render());
  page.gzip = std::make_shared<const std::string>(gzip_compress(*page.body));
  std::lock_guard lock(mutex_);
  if (pages_.size() >= max_pages_) pages_.clear();
  pages_.insert_or_assign(etag, page);
  return page;
}

std::size_t PageCache::size() const {
  std::lock_guard lock(mutex_);
  return pages_.size();
}

std::optional<FreshPages::Page> FreshPages::fresh(const std::string& key, std::uint64_t generation,
                                                  Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation || now - it->second.validated_at > max_age_)
    return std::nullopt;
  return it->second.page;
}

void FreshPages::remember(const std::string& key, Page page, std::uint64_t generation,
                          Clock::time_point validated_at) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_pages_ && !entries_.contains(key)) entries_.clear();
  entries_.insert_or_assign(key, Entry{std::move(page), generation, validated_at});
}

}  // namespace ql::disclosure
