#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "workloads/op_graph.h"

using namespace pjsim::workloads;

TEST_CASE("op names used as report keys", "[workloads]") {
  CHECK(std::string(to_string(OpKind::gemm)) == "gemm");
  CHECK(std::string(to_string(OpKind::attention)) == "attention");
  CHECK(std::string(to_string(OpKind::vector)) == "vector");
  CHECK(std::string(to_string(OpKind::embedding)) == "embedding");
  CHECK(std::string(to_string(DataClass::weights)) == "weights");
  CHECK(std::string(to_string(DataClass::activations)) == "activations");
  CHECK(std::string(to_string(DataClass::kv)) == "kv");
  CHECK(std::string(to_string(DataClass::embedding)) == "embedding");
  CHECK(std::string(to_string(DataClass::scales)) == "scales");
  CHECK(std::string(to_string(DataClass::metadata)) == "metadata");

  std::vector<std::string> categories;
  for (OpCategory c : all_op_categories()) categories.emplace_back(to_string(c));
  CHECK(categories == std::vector<std::string>{"embedding", "norm", "projection", "attention", "mlp",
                                               "residual", "lm_head", "router", "draft", "collective"});
  std::set<std::string> classes;
  for (DataClass c : all_data_classes()) classes.insert(to_string(c));
  CHECK(classes.size() == 6);
}

TEST_CASE("op counts by kind", "[workloads]") {
  Op gemm;
  gemm.kind = OpKind::gemm;
  gemm.m = 16, gemm.k = 4096, gemm.n = 6144;
  CHECK(gemm.macs() == 16ull * 4096 * 6144);
  CHECK(gemm.operand_elements() == 4096ull * 6144);
  CHECK(gemm.input_elements() == 16ull * 4096);
  CHECK(gemm.output_elements() == 16ull * 6144);
  CHECK(gemm.operand_class() == DataClass::weights);

  // 16 sequences x 8 KV heads, 4 query heads per group, head_dim 128, 2048 positions.
  Op attn;
  attn.kind = OpKind::attention;
  attn.instances = 128, attn.m = 4, attn.k = 128, attn.n = 2048;
  CHECK(attn.macs() == 128ull * 2 * 4 * 128 * 2048);
  CHECK(attn.operand_elements() == 128ull * 2 * 2048 * 128);
  CHECK(attn.input_elements() == 128ull * 4 * 128);
  CHECK(attn.output_elements() == 128ull * 4 * 128);
  CHECK(attn.operand_class() == DataClass::kv);

  Op vec;
  vec.kind = OpKind::vector;
  vec.m = 16, vec.k = 4096, vec.vector_ops = 16 * 4096 * 4;
  CHECK(vec.macs() == 0);
  CHECK(vec.operand_elements() == 0);
  CHECK(vec.input_elements() == 16ull * 4096);
  CHECK(vec.output_elements() == 16ull * 4096);
  CHECK(vec.operand_class() == DataClass::activations);

  Op emb;
  emb.kind = OpKind::embedding;
  emb.m = 16, emb.k = 4096;
  CHECK(emb.macs() == 0);
  CHECK(emb.operand_elements() == 16ull * 4096);
  CHECK(emb.input_elements() == 0);
  CHECK(emb.output_elements() == 16ull * 4096);
  CHECK(emb.operand_class() == DataClass::embedding);
}

TEST_CASE("ops_in_order respects every edge of a non-path DAG", "[workloads]") {
  // Diamond d -> {b, c} -> a, with vertices added so that index order is not a valid order.
  OpGraph g;
  std::map<std::string, OpGraph::vertex_descriptor> v;
  for (const char* name : {"a", "b", "c", "d"}) {
    Op op;
    op.name = name;
    v[name] = boost::add_vertex(op, g);
  }
  boost::add_edge(v["d"], v["b"], g);
  boost::add_edge(v["d"], v["c"], g);
  boost::add_edge(v["b"], v["a"], g);
  boost::add_edge(v["c"], v["a"], g);

  const std::vector<Op> ops = ops_in_order(g);
  REQUIRE(ops.size() == 4);
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < ops.size(); ++i) position[ops[i].name] = i;
  REQUIRE(position.size() == 4);
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    CHECK(position[g[boost::source(*e, g)].name] < position[g[boost::target(*e, g)].name]);
  }
}
