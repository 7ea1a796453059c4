#include "disclosure/page_cache.hpp"

namespace ql::disclosure {

std::shared_ptr<const std::string> PageCache::get_or_render(const std::string& etag,
                                                            const std::function<std::string()>& render) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = pages_.find(etag); it != pages_.end()) return it->second;
  }
  auto page = std::make_shared<const std::string>(render());
  std::lock_guard lock(mutex_);
  if (pages_.size() >= max_pages_) pages_.clear();
  pages_.insert_or_assign(etag, page);
  return page;
}

std::size_t PageCache::size() const {
  std::lock_guard lock(mutex_);
  return pages_.size();
}

}  // namespace ql::disclosure
