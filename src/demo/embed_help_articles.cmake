# Writes OUT with a C++ array of every helpcenter/articles/*.md (the demo shop's help center), in
# name order, as {name, text} raw string literals. Run as a build step (cmake -P) so editing an
# article rebuilds only demo_help_articles.cpp. An empty or missing folder gives an empty array.
file(GLOB files "${SRC}/helpcenter/articles/*.md")
list(SORT files)
set(body "")
set(count 0)
foreach(file ${files})
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" text)
  string(FIND "${text}" ")rapport_md\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the embedding delimiter )rapport_md\"")
  endif()
  string(APPEND body "  {\"${name}\", R\"rapport_md(${text})rapport_md\"},\n")
  math(EXPR count "${count} + 1")
endforeach()
# A zero-length array is not C++: an empty folder embeds one empty entry the loader skips.
if(count EQUAL 0)
  set(body "  {\"\", \"\"},\n")
endif()
file(WRITE "${OUT}.tmp" "constexpr EmbeddedArticle kEmbeddedArticles[] = {\n${body}};\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
