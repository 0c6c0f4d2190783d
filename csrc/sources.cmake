# SPDX-License-Identifier: GPL-2.0-only
# CMake's reader of sources.txt (beside this file), for the top-level
# CMakeLists.txt and for bench/c, which also builds on its own from an
# installed copy. include() it, then
#   skbext_sources(VAR GROUP...)        the files of the groups named
#   skbext_sources(VAR EXCEPT GROUP...) the files of every other group
# sets VAR to absolute paths in the list's order. Editing the list makes
# the next build configure again.
set(SKBEXT_SOURCES_TXT ${CMAKE_CURRENT_LIST_DIR}/sources.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SKBEXT_SOURCES_TXT})

function(skbext_sources var)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "EXCEPT")
  get_filename_component(dir ${SKBEXT_SOURCES_TXT} DIRECTORY)
  file(STRINGS ${SKBEXT_SOURCES_TXT} lines REGEX "^[^#]")
  set(out "")
  set(seen "")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^([a-z-]+)[ \t]+([^ \t]+)$")
      message(FATAL_ERROR "${SKBEXT_SOURCES_TXT}: not GROUP PATH: '${line}'")
    endif()
    list(APPEND seen ${CMAKE_MATCH_1})
    if(arg_EXCEPT)
      if(CMAKE_MATCH_1 IN_LIST arg_EXCEPT)
        continue()
      endif()
    elseif(NOT CMAKE_MATCH_1 IN_LIST arg_UNPARSED_ARGUMENTS)
      continue()
    endif()
    list(APPEND out ${dir}/${CMAKE_MATCH_2})
  endforeach()
  foreach(g IN LISTS arg_EXCEPT arg_UNPARSED_ARGUMENTS)
    if(NOT g IN_LIST seen)
      message(FATAL_ERROR "skbext_sources: no group ${g} in ${SKBEXT_SOURCES_TXT}")
    endif()
  endforeach()
  set(${var} ${out} PARENT_SCOPE)
endfunction()
