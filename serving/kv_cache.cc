#include "serving/kv_cache.h"

#include <algorithm>

namespace pjsim::serving {

KvCache::KvCache(std::uint64_t capacity_blocks, std::uint64_t block_tokens, bool prefix_caching)
    : capacity_(capacity_blocks), block_tokens_(block_tokens ? block_tokens : 1), prefix_caching_(prefix_caching) {}

std::uint64_t KvCache::leading_hits(const std::vector<std::uint64_t>& ids) const {
  std::uint64_t n = 0;
  while (n < ids.size() && entries_.count(ids[n])) ++n;
  return n;
}

bool KvCache::make_room(std::uint64_t blocks) {
  if (blocks > available()) return false;
  while (capacity_ - used() < blocks) {
    const std::uint64_t id = lru_.front();
    lru_.pop_front();
    const Entry& e = entries_.at(id);
    entry_blocks_ -= e.blocks;
    evictable_blocks_ -= e.blocks;
    entries_.erase(id);
    ++evictions_;
  }
  return true;
}

bool KvCache::acquire(const std::vector<std::uint64_t>& ids, std::uint64_t blocks_each) {
  // Pin every cached id first (leading hits or not), so that making room cannot evict them;
  // one reference per occurrence, as release() drops one per occurrence.
  std::vector<bool> counted(ids.size(), false);
  std::vector<std::uint64_t> pinned, fresh;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto it = entries_.find(ids[i]);
    if (it == entries_.end()) {
      if (std::find(fresh.begin(), fresh.end(), ids[i]) == fresh.end()) fresh.push_back(ids[i]);
      continue;
    }
    if (it->second.refs++ == 0) {
      lru_.erase(it->second.lru);
      evictable_blocks_ -= it->second.blocks;
    }
    counted[i] = true;
    pinned.push_back(ids[i]);
  }
  if (!make_room(fresh.size() * blocks_each)) {
    release(pinned);
    return false;
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (counted[i]) continue;
    auto it = entries_.find(ids[i]);
    if (it != entries_.end()) {  // an id repeated in this list, inserted just before
      ++it->second.refs;
      continue;
    }
    Entry e;
    e.blocks = blocks_each;
    e.refs = 1;
    entries_.emplace(ids[i], e);
    entry_blocks_ += blocks_each;
  }
  return true;
}

void KvCache::release(const std::vector<std::uint64_t>& ids) {
  for (std::uint64_t id : ids) {
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.refs == 0) continue;
    if (--it->second.refs == 0) {
      it->second.lru = lru_.insert(lru_.end(), id);
      evictable_blocks_ += it->second.blocks;
    }
  }
}

bool KvCache::allocate(std::uint64_t blocks) {
  if (!make_room(blocks)) return false;
  private_ += blocks;
  return true;
}

void KvCache::free(std::uint64_t blocks) { private_ -= blocks < private_ ? blocks : private_; }

}  // namespace pjsim::serving
