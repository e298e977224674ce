#include "serving/kv_cache.h"

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

bool KvCache::acquire(const std::vector<std::uint64_t>& ids, std::uint64_t hits, std::uint64_t blocks_each) {
  // Pin the hits first, so that making room for the new entries cannot evict them.
  for (std::uint64_t i = 0; i < hits; ++i) {
    Entry& e = entries_.at(ids[i]);
    if (e.refs++ == 0) {
      lru_.erase(e.lru);
      evictable_blocks_ -= e.blocks;
    }
  }
  // A trace may repeat an id inside one request's list: count each id once.
  std::vector<std::uint64_t> fresh;
  for (std::uint64_t i = hits; i < ids.size(); ++i) {
    bool seen = entries_.count(ids[i]) > 0;
    for (std::uint64_t f : fresh) seen = seen || f == ids[i];
    if (!seen) fresh.push_back(ids[i]);
  }
  if (!make_room(fresh.size() * blocks_each)) {
    std::vector<std::uint64_t> pinned(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(hits));
    release(pinned);
    return false;
  }
  for (std::uint64_t i = hits; i < ids.size(); ++i) {
    auto it = entries_.find(ids[i]);
    if (it == entries_.end()) {
      Entry e;
      e.blocks = blocks_each;
      e.refs = 1;
      entries_.emplace(ids[i], e);
      entry_blocks_ += blocks_each;
    } else if (it->second.refs++ == 0) {
      lru_.erase(it->second.lru);
      evictable_blocks_ -= it->second.blocks;
    }
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
