#include "store/pool.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace ql::store {

Pool::Pool(std::string url, std::size_t size) : url_(std::move(url)), max_size_(size) {
  if (size == 0) {
    throw bad_request("invalid_pool_size", "数据库连接池大小必须大于 0",
                      "Database pool size must be at least 1");
  }
  idle_.reserve(max_size_);  // release() then never allocates, so it cannot throw
  auto first = connect(url_);
  backend_ = first->backend();
  idle_.push_back(std::move(first));
  opened_ = 1;
}

Pool::~Pool() = default;

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mu_);
  if (idle_.empty() && opened_ >= max_size_) {
    ++waits_;
    cv_.wait(lock, [&] { return !idle_.empty() || opened_ < max_size_; });
  }
  ++acquired_;
  ++in_use_;
  if (!idle_.empty()) {
    // Most recently returned first: its server-side caches are warm.
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }
  // Reserve the slot, then connect without holding the lock (connecting can take long).
  ++opened_;
  lock.unlock();
  try {
    return Lease(this, connect(url_));
  } catch (...) {
    lock.lock();
    --opened_;
    --in_use_;
    --acquired_;
    lock.unlock();
    cv_.notify_one();
    throw;
  }
}

void Pool::release(std::unique_ptr<Connection> c) noexcept {
  if (c->in_transaction()) {
    try {
      c->rollback();
    } catch (const std::exception& e) {
      spdlog::warn("dropping a pooled connection whose rollback failed: {}", e.what());
    } catch (...) {
      spdlog::warn("dropping a pooled connection whose rollback failed");
    }
    // Still in a transaction (or lost): the next user must not inherit it.
    if (c->in_transaction()) c.reset();
  }
  {
    std::lock_guard lock(mu_);
    --in_use_;
    if (c) {
      idle_.push_back(std::move(c));
    } else {
      --opened_;  // a replacement is opened on demand
    }
  }
  cv_.notify_one();
}

PoolStats Pool::stats() const {
  std::lock_guard lock(mu_);
  return PoolStats{opened_, in_use_, waits_, acquired_};
}

Pool::Lease& Pool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    if (c_) pool_->release(std::move(c_));
    pool_ = other.pool_;
    c_ = std::move(other.c_);
  }
  return *this;
}

Pool::Lease::~Lease() {
  if (c_) pool_->release(std::move(c_));
}

}  // namespace ql::store
