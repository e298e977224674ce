#include "sim/cli/cli_checks.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "sim/config/errors.h"

namespace pjsim::sim {

namespace {

// Values echoed into a message are cut and escaped like every other user text (one line).
std::string shown(const std::string& value) {
  std::string out = value.size() > 40 ? value.substr(0, 40) + "..." : value;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

std::string commands_of(const CLI::App& app) {
  std::string out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    out += (out.empty() ? "" : ", ") + sub->get_name();
  return out;
}

}  // namespace

CLI::Validator non_empty() {
  return CLI::Validator(
      [](std::string& value) {
        return value.empty() ? std::string("an empty value names nothing (leave the option out for the default)")
                             : std::string();
      },
      "", "NONEMPTY");
}

CLI::Validator positive_seconds() {
  return CLI::Validator(
      [](std::string& value) {
        errno = 0;
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v) || v <= 0)
          return "expected seconds > 0, got '" + shown(value) + "'";
        return std::string();
      },
      "SECONDS>0", "POSITIVE_SECONDS");
}

CLI::Validator count_in(unsigned least, unsigned most) {
  return CLI::Validator(
      [least, most](std::string& value) {
        const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
        errno = 0;
        const unsigned long long v = digits ? std::strtoull(value.c_str(), nullptr, 10) : 0;
        if (!digits || errno == ERANGE || v < least || v > most)
          return fmt::format("expected a whole number in {}..{}, got '{}'", least, most, shown(value));
        return std::string();
      },
      fmt::format("{}..{}", least, most), "COUNT");
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
  std::string message = error.what();
  const bool no_command = app.get_subcommands().empty();
  if (no_command && (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr ||
                     dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr)) {
    const auto& extras = app.remaining();
    message = extras.empty() ? "expected a command" : "'" + shown(extras.front()) + "' is not a command";
    message += "; valid commands: " + commands_of(app) + " (pjsim --help)";
  }
  std::cerr << "error: " << one_line(message) << "\n";
  return exit_user;
}

}  // namespace pjsim::sim
