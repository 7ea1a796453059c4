#pragma once
// A fixed-size pool of connections to one database URL, shared by the server's worker threads.
// The pool must outlive every Lease taken from it.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace ql::store {

struct PoolStats {
  std::size_t size = 0;       // connections opened
  std::size_t in_use = 0;     // currently lent out
  std::uint64_t waits = 0;    // acquisitions that had to wait
  std::uint64_t acquired = 0; // total acquisitions
};

class Pool {
 public:
  // Opens up to `size` connections lazily (the first one at once, to fail fast on a bad URL:
  // throws what connect() throws, or Error(bad_request, "invalid_pool_size") for size 0).
  Pool(std::string url, std::size_t size);
  ~Pool();

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&& other) noexcept;  // returns the connection held before
    ~Lease();
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> c_;
  };

  // Blocks until a connection is free, opening a new one while fewer than `size` exist
  // (throws what connect() throws if that fails). A connection left inside a transaction
  // (after an exception) is rolled back when returned, and dropped if that fails.
  Lease acquire();
  PoolStats stats() const;
  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

 private:
  friend class Lease;
  void release(std::unique_ptr<Connection> c) noexcept;

  std::string url_;
  std::size_t max_size_;
  Backend backend_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t opened_ = 0;
  std::size_t in_use_ = 0;
  std::uint64_t waits_ = 0, acquired_ = 0;
};

}  // namespace ql::store
