// The paged KV cache of a server: fixed-size blocks of `block_tokens` positions, held privately
// by running sequences or shared as cached prompt prefixes (prefix caching), with LRU eviction of
// prefixes no running sequence uses.
//
// Prefixes are cached at the granularity of the trace's prefix blocks (Mooncake: 512 tokens),
// each taking ceil(prefix_block_tokens / block_tokens) KV blocks. Example: capacity 1000 blocks
// of 16 tokens; a request with prefix_blocks [7, 8] of 512 tokens holds 2 entries of 32 blocks;
// a later request with [7, 9] hits entry 7 (512 cached tokens) and adds entry 9.
// Invariant: used() <= capacity() at all times.
#pragma once

#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

namespace pjsim::serving {

class KvCache {
 public:
  KvCache(std::uint64_t capacity_blocks, std::uint64_t block_tokens, bool prefix_caching);

  std::uint64_t capacity() const { return capacity_; }
  std::uint64_t block_tokens() const { return block_tokens_; }
  bool prefix_caching() const { return prefix_caching_; }
  /// Blocks in use: private blocks plus every cached prefix entry (referenced or not).
  std::uint64_t used() const { return private_ + entry_blocks_; }
  /// Blocks that can be handed out now: free ones plus unreferenced prefix entries (evictable).
  std::uint64_t available() const { return capacity_ - used() + evictable_blocks_; }
  std::uint64_t blocks_for(std::uint64_t tokens) const { return (tokens + block_tokens_ - 1) / block_tokens_; }
  std::uint64_t entry_blocks(std::uint64_t prefix_block_tokens) const { return blocks_for(prefix_block_tokens); }

  /// Leading ids of `ids` cached now (without touching them).
  std::uint64_t leading_hits(const std::vector<std::uint64_t>& ids) const;
  /// References every id of `ids` (one reference per occurrence): cached ones are pinned first,
  /// the others are inserted as new entries of `blocks_each` blocks, evicting unreferenced
  /// entries when needed (never one of `ids`). False (and no change) when they do not fit.
  bool acquire(const std::vector<std::uint64_t>& ids, std::uint64_t blocks_each);
  /// Drops one reference from each of `ids` (entries stay cached, evictable at no reference).
  void release(const std::vector<std::uint64_t>& ids);

  /// Takes `blocks` private blocks (evicting unreferenced entries as needed); false if they cannot fit.
  bool allocate(std::uint64_t blocks);
  void free(std::uint64_t blocks);

  std::uint64_t evictions() const { return evictions_; }

 private:
  struct Entry {
    std::uint64_t blocks = 0;
    std::uint64_t refs = 0;
    std::list<std::uint64_t>::iterator lru;  ///< position in lru_ when refs == 0
  };
  bool make_room(std::uint64_t blocks);

  std::uint64_t capacity_, block_tokens_;
  bool prefix_caching_;
  std::uint64_t private_ = 0, entry_blocks_ = 0, evictable_blocks_ = 0, evictions_ = 0;
  std::unordered_map<std::uint64_t, Entry> entries_;
  std::list<std::uint64_t> lru_;  ///< unreferenced entries, least recently used first
};

}  // namespace pjsim::serving
