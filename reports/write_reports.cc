#include <string>

#include "reports/atomic_file.h"
#include "reports/html_report.h"
#include "reports/ledger_rows.h"
#include "reports/report.h"

namespace pjsim::reports {

namespace fs = std::filesystem;

WrittenReports write_reports(const nlohmann::json& report, const fs::path& dir, const WriteOptions& options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw WriteError("cannot create directory " + dir.string() + ": " + ec.message());

  // Render everything first: a rendering error must not leave a new JSON beside an old CSV.
  const std::string json = dump_report(report);
  const std::string markdown = to_markdown(report);
  const std::string csv = to_csv(report);
  const std::string ledger_csv = to_ledger_csv(report);
  const std::string html = options.html ? point_html(report) : "";

  WrittenReports out{dir / "report.json", dir / "report.md", dir / "report.csv", dir / "ledger.csv",
                     options.html ? dir / "report.html" : fs::path()};
  // All files are written before any replaces its old copy (a full disk leaves the old set whole);
  // report.json is renamed last: it is what `--resume` trusts, so it is new only once the others are.
  std::vector<FileBytes> files = {{out.markdown, markdown}, {out.csv, csv}, {out.ledger_csv, ledger_csv}};
  if (options.html) files.push_back({out.html, html});
  files.push_back({out.json, json});
  write_files_together(files);
  if (!options.html) {
    std::error_code gone;
    fs::remove(dir / "report.html", gone);  // a page of an earlier run would describe another report
  }
  return out;
}

}  // namespace pjsim::reports
