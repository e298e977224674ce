#include <catch2/catch.hpp>

#include "serving/request.h"

TEST_CASE("a request defaults to an empty prefix") {
  pjsim::serving::Request r;
  CHECK(r.prefix_blocks.empty());
  CHECK(r.prefix_block_tokens == 0);
}
