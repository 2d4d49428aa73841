// EscapeHtml: text made safe to place in HTML element content or a quoted attribute value, so
// user text is always shown as text (DESIGN §6: public pages and outgoing mail never render what
// a customer or an agent typed as markup). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// & < > " ' become entities; everything else is copied as is (UTF-8 passes through).
std::string EscapeHtml(std::string_view text);
// EscapeHtml, then each paragraph (blank-line separated) in <p>, single line breaks as <br>.
std::string TextToHtmlParagraphs(std::string_view text);

}  // namespace rapport
