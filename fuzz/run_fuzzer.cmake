# ctest driver of one libFuzzer target (fuzz/CMakeLists.txt): runs it for SECONDS on a fresh
# corpus folder WORK/corpus, reading the seed folders SEEDS without writing to them, and fails on
# any crash, timeout, leak or out-of-memory (libFuzzer exits non-zero and writes the input to
# WORK/artifacts/).
file(REMOVE_RECURSE ${WORK}/corpus)
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
set(seed_dirs "")
foreach(dir ${SEEDS})
  if(IS_DIRECTORY ${dir})
    list(APPEND seed_dirs ${dir})
  endif()
endforeach()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=25 -rss_limit_mb=2048 -dict=${DICT}
          -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/ ${WORK}/corpus ${seed_dirs}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(GLOB found ${WORK}/artifacts/*)
  message(FATAL_ERROR "fuzzer failed (exit ${status}); input: ${found}\n"
                      "reproduce: ${FUZZER} <input>; then add it to fuzz/regressions/ (docs/robustness.md)")
endif()
