// Placeholder: the export routes are being written.
#include "http/api.hpp"

namespace rapport::http {

void AddExportRoutes(Router& /*router*/, ApiServices& /*services*/) {}

}  // namespace rapport::http
